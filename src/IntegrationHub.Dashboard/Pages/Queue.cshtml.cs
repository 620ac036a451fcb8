using IntegrationHub.Integrations;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Dashboard.Pages;

/// <summary>The queue, live: what waits per integration, and the last hour's throughput and partner latency.</summary>
public sealed class QueueModel(QueueMonitor monitor) : DashboardPage
{
    [BindProperty(SupportsGet = true)]
    public long? LabId { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? IntegrationId { get; set; }

    public QueueSnapshot? Snapshot { get; private set; }

    public IReadOnlyList<Configuration.LabSummary> Labs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Labs = await LabsAsync(ct);
        if (LabId is { } lab && !Scope.Allows(lab))
        {
            return NotFound();
        }

        Snapshot = await monitor.SnapshotAsync(Scope.AsFilter(), LabId, IntegrationId, ct);
        return IntegrationId is not null && Snapshot.Integrations.Count == 0 ? NotFound() : Page();
    }
}
