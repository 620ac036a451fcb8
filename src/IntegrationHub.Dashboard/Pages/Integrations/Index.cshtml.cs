using IntegrationHub.Configuration;
using IntegrationHub.Dashboard.Rendering;
using IntegrationHub.Logging;
using IntegrationHub.Storage;

namespace IntegrationHub.Dashboard.Pages.Integrations;

public sealed class IntegrationsModel(IIntegrationConfigStore integrations, ILogReadModel logs) : DashboardPage
{
    public sealed record Row(LabIntegration Integration, LogSummary? Last, LogSummary? LastError, double? Rate);

    public IReadOnlyList<LabSummary> Labs { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Labs = await LabsAsync(ct);
        var visible = (await integrations.ListAsync(null, ct)).Where(i => Scope.Allows(i.LabId)).ToList();
        var stats = await logs.GetStatsAsync(Scope.AsFilter(), Now.AddHours(-24), Now, ct);
        var rows = new List<Row>(visible.Count);
        foreach (var integration in visible)
        {
            var last = Newest(await logs.QueryAsync(new LogQuery { IntegrationId = integration.Id, Limit = 1 }, ct));
            var lastError = Newest(await logs.QueryAsync(new LogQuery { IntegrationId = integration.Id, Status = LogStatus.Fail, Limit = 1 }, ct));
            var counts = stats.ByIntegration.FirstOrDefault(c => c.IntegrationId == integration.Id)?.Counts;
            rows.Add(new Row(integration, last, lastError, counts is null ? null : Format.SuccessRate(counts)));
        }

        Rows = rows;
    }

    private static LogSummary? Newest(LogPage page) => page.Items.Count > 0 ? page.Items[0] : null;
}
