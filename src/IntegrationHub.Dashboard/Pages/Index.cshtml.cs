using IntegrationHub.Configuration;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Dashboard.Pages;

public sealed class OverviewModel(ILogReadModel logs) : DashboardPage
{
    /// <summary>The windows offered, each with the bucket its chart uses.</summary>
    public static IReadOnlyDictionary<string, (TimeSpan Window, TimeSpan Bucket, string Label)> Windows { get; } =
        new Dictionary<string, (TimeSpan, TimeSpan, string)>
        {
            ["1h"] = (TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), "5 minutes"),
            ["24h"] = (TimeSpan.FromHours(24), TimeSpan.FromHours(1), "hour"),
            ["7d"] = (TimeSpan.FromDays(7), TimeSpan.FromHours(6), "6 hours"),
            ["30d"] = (TimeSpan.FromDays(30), TimeSpan.FromDays(1), "day"),
        };

    [BindProperty(SupportsGet = true)]
    public string W { get; set; } = "24h";

    [BindProperty(SupportsGet = true)]
    public long? Lab { get; set; }

    public IReadOnlyList<LabSummary> Labs { get; private set; } = [];

    public LogStats? Stats { get; private set; }

    public IReadOnlyList<VolumePoint> Volume { get; private set; } = [];

    public IReadOnlyList<ErrorSignatureCount> Signatures { get; private set; } = [];

    public IReadOnlyList<IntegrationCounts> FailingMost { get; private set; } = [];

    /// <summary>Outbound deliveries only: every action but 0, which counts inbound calls.</summary>
    public StatusCounts Outbound { get; private set; } = StatusCounts.Zero;

    public TimeSpan Bucket { get; private set; }

    public string BucketLabel { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Windows.TryGetValue(W, out var window))
        {
            W = "24h";
            window = Windows[W];
        }

        Labs = await LabsAsync(ct);
        if (Lab is { } lab && !Scope.Allows(lab))
        {
            return NotFound();
        }

        var labs = Lab is { } one ? [one] : Scope.AsFilter();
        (Bucket, BucketLabel) = (window.Bucket, window.Label);
        var to = Now;
        var from = to - window.Window;
        Stats = await logs.GetStatsAsync(labs, from, to, ct);
        Volume = await logs.GetVolumeAsync(labs, from, to, window.Bucket, ct);
        Signatures = await logs.GetErrorSignaturesAsync(labs, from, to, 10, ct);
        Outbound = Stats.ByAction.Where(a => a.ActionId != 0).Aggregate(StatusCounts.Zero, (sum, a) => sum
            .Add(LogStatus.Queued, a.Counts.Queued).Add(LogStatus.Retrying, a.Counts.Retrying)
            .Add(LogStatus.Success, a.Counts.Success).Add(LogStatus.Fail, a.Counts.Fail));
        FailingMost = [.. Stats.ByIntegration.Where(i => i.Counts.Fail > 0).OrderByDescending(i => i.Counts.Fail).Take(6)];
        return Page();
    }
}
