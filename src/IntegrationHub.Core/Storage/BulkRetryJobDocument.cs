using IntegrationHub.Access;
using IntegrationHub.Logging;

namespace IntegrationHub.Storage;

/// <summary>
/// A <see cref="BulkRetryJob"/> as one JSON document, but its owner and lease, which a backend keeps
/// in columns of its own (they are what its claim statement compares). Every backend stores this
/// shape, so a job reads the same whichever wrote it.
/// </summary>
public static class BulkRetryJobDocument
{
    /// <summary>The job's document, without <see cref="BulkRetryJob.Owner"/> and <see cref="BulkRetryJob.LeaseUntil"/>.</summary>
    /// <param name="job">The job.</param>
    public static string Serialize(BulkRetryJob job) => HubJson.Serialize(new Document
    {
        Progress = job.Progress,
        Filter = job.Filter,
        Labs = job.Labs.ToString(),
        SkipReasons = job.SkipReasons,
        Cursor = job.Cursor,
        Walked = job.Walked,
    });

    /// <summary>The job from its document and the owner and lease kept beside it.</summary>
    /// <param name="json">What <see cref="Serialize"/> made.</param>
    /// <param name="owner">The job's owner column.</param>
    /// <param name="leaseUntil">The job's lease column.</param>
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
