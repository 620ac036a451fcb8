namespace IntegrationHub.Bench;

/// <summary>Sizes of one run. Quick keeps the harness honest in CI in seconds; full is what docs/BENCHMARKS.md reports.</summary>
internal sealed record BenchPlan(
    string Name,
    int Repetitions,
    int Concurrency,
    int HttpRequests,
    int Commits,
    int EndToEndDeliveries,
    int TriggerCalls,
    int PickupSamples,
    int Backlog,
    int[] QueryScales,
    int QuerySamples,
    int MemoryDeliveries,
    int PdfReports,
    int PdfMegabytes,
    int Callbacks,
    int RateLimited)
{
    public static BenchPlan Quick { get; } = new("quick", 3, 16, 500, 300, 600, 100, 20, 600, [2_000, 20_000], 20, 2_000, 2, 2, 500, 30);

    public static BenchPlan Full { get; } = new("full", 3, 16, 10_000, 5_000, 10_000, 2_000, 200, 20_000, [100_000, 1_000_000], 200, 100_000, 10, 15, 10_000, 100);

    public int PayloadBytes => 1024;
}
