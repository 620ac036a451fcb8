using IntegrationHub.Configuration;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Dashboard.Pages.Logs;

public sealed class LogsModel(ILogReadModel logs, IIntegrationConfigStore integrations) : DashboardPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public LogFilterForm Filter { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public IReadOnlyList<LabSummary> Labs { get; private set; } = [];

    public IReadOnlyList<LabIntegration> Integrations { get; private set; } = [];

    public LogPage? Results { get; private set; }

    /// <summary>The entities the search box named (their labels are patient data: shown to operators only).</summary>
    public IReadOnlyList<IntegrationHub.History.EntityMatch> Found { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Labs = await LabsAsync(ct);
        if (Filter.LabId is { } lab && !Scope.Allows(lab))
        {
            return NotFound();
        }

        Integrations = [.. (await integrations.ListAsync(Filter.LabId, ct)).Where(i => Scope.Allows(i.LabId))];
        if (!ReadFields(LogFilterForm.Rules))
        {
            // A filter that cannot be applied is an answer of its own, never "every log".
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Results = new LogPage([], null);
            return Page();
        }

        var (query, problem, entities) = await Filter.ResolveAsync(HttpContext, Scope.AsFilter(), Cursor, PageSize, ct);
        if (query is null)
        {
            UnreadFields = [problem!];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Results = new LogPage([], null);
            return Page();
        }

        Found = entities;
        Results = await logs.QueryAsync(query, ct);

        return Page();
    }
}
