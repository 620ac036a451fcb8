using IntegrationHub.Access;
using IntegrationHub.Logging;
using IntegrationHub.Retries;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>The <c>doc</c> of a <c>hub_bulk_retry_job</c> row: the job but its owner and lease, which have columns of their own.</summary>
internal static class SqliteBulkRetryDocument
{
    public static string Serialize(BulkRetryJob job) => HubJson.Serialize(new Document
    {
        Progress = job.Progress,
        Filter = job.Filter,
        Labs = job.Labs.ToString(),
        SkipReasons = job.SkipReasons,
        Cursor = job.Cursor,
        Walked = job.Walked,
    });

    public static BulkRetryJob Deserialize(string json, string owner, DateTimeOffset leaseUntil)
    {
        var doc = HubJson.Deserialize<Document>(json);
        return new BulkRetryJob
        {
            Progress = doc.Progress,
            Filter = doc.Filter,
            Labs = LabScope.Parse(doc.Labs),
            SkipReasons = doc.SkipReasons,
            Cursor = doc.Cursor,
            Walked = doc.Walked,
            Owner = owner,
            LeaseUntil = leaseUntil,
        };
    }

    private sealed record Document
    {
        public required BulkRetryProgress Progress { get; init; }

        public required LogQuery Filter { get; init; }

        public required string Labs { get; init; }

        public IReadOnlyDictionary<string, int> SkipReasons { get; init; } = new Dictionary<string, int>();

        public string? Cursor { get; init; }

        public bool Walked { get; init; }
    }
}
