using System.Globalization;
using System.Text;
using IntegrationHub.Bench.Scenarios;

namespace IntegrationHub.Bench;

/// <summary>
/// The dashboard's reads, the search among them, at each directory size on SQLite and on PostgreSQL
/// (the benchmark's durable cluster), in one run: the figures of issue 14's search against the filtered
/// page and the stats of the same run.
/// </summary>
internal static class SearchSection
{
    public static async Task<string> RunAsync(string repositoryRoot, int[] scales, int samples, Action<string> say)
    {
        var cluster = PostgresCluster.Start(repositoryRoot);
        var md = new StringBuilder("## Dashboard reads and the search box, SQLite and PostgreSQL\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Synthetic logs over 30 days (20 integrations, 3 labs, each log with a patient and a partner reference), filled straight into the store; {samples} samples after 5 warm-up calls. PostgreSQL: {cluster.Describe()}, ANALYZEd after the fill. The store's search is what the search box sends once the domain resolved the text; `GET /api/logs?q=` adds the lab's own look-ups (five indexed equalities), on a lab with no patients here, so their cost at a million patients is not in these figures.\n\n");
        var table = new MarkdownTable("backend", "logs", "call", "p50 ms", "p95 ms", "answer");
        foreach (var scale in scales)
        {
            foreach (var postgres in new[] { false, true })
            {
                say($"search: {(postgres ? "PostgreSQL" : "SQLite")} at {scale:N0} logs");
                var database = postgres ? cluster.NewDatabase() : null;
                try
                {
                    var result = await Queries.RunAsync(scale, samples, database);
                    var backend = postgres ? "PostgreSQL" : "SQLite";
                    table.Row(backend, scale.ToString("N0", CultureInfo.InvariantCulture), "GET /api/logs (integration, Fail, 24 h, 50)", "", result.PageP95Ms.ToString("F2", CultureInfo.InvariantCulture), "");
                    table.Row(backend, scale.ToString("N0", CultureInfo.InvariantCulture), "GET /api/stats (24 h)", "", result.StatsP95Ms.ToString("F2", CultureInfo.InvariantCulture), "");
                    foreach (var call in result.ReadModel.Where(c => c.Call.StartsWith("search", StringComparison.Ordinal)))
                    {
                        table.Row(backend, scale.ToString("N0", CultureInfo.InvariantCulture), call.Call, call.P50Ms.ToString("F2", CultureInfo.InvariantCulture), call.P95Ms.ToString("F2", CultureInfo.InvariantCulture), call.Answer);
                    }
                }
                finally
                {
                    if (database is not null)
                    {
                        cluster.Drop(database);
                    }
                }
            }
        }

        return md.Append(table).ToString();
    }
}
