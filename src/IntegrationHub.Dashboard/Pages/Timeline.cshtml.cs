using IntegrationHub.Configuration;
using IntegrationHub.History;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Dashboard.Pages;

/// <summary>An entity's events and deliveries. Event details (MRN, bill number, signer) are patient data: operators only, and audited.</summary>
public sealed class TimelineModel(IEntityHistory history, ILogReadModel logs, Web.Security.AuditTrail audit) : DashboardPage
{
    /// <summary>One line of the timeline: a domain event or a delivery.</summary>
    public sealed record Entry(DateTimeOffset At, EntityEvent? Event, LogSummary? Log, IReadOnlyList<PartnerAcknowledgement>? Acknowledgements = null);

    private const int MaxLogs = 500;

    [BindProperty(SupportsGet = true)]
    public long? LabId { get; set; }

    [BindProperty(SupportsGet = true)]
    public EntityKind Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    public IReadOnlyList<LabSummary> Labs { get; private set; } = [];

    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public bool Missing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Labs = await LabsAsync(ct);
        LabId ??= Labs.Count > 0 ? Labs[0].Id : null;
        if (Id is not { } id || LabId is not { } labId)
        {
            return Page();
        }

        if (!Scope.Allows(labId))
        {
            return NotFound();
        }

        var events = await history.GetAsync(labId, Kind, id, ct);
        var query = new LogQuery
        {
            LabId = labId,
            LabIds = Scope.AsFilter(),
            PatientId = Kind == EntityKind.Patient ? id : null,
            BillId = Kind == EntityKind.Bill ? id : null,
            SampleId = Kind == EntityKind.Sample ? id : null,
            ReportId = Kind == EntityKind.Report ? id : null,
            Limit = MaxLogs,
        };
        var deliveries = (await logs.QueryAsync(query, ct)).Items;
        if (events is null && deliveries.Count == 0)
        {
            Missing = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (CanOperate && events is { Count: > 0 })
        {
            await audit.RecordViewAsync(User, "entity.viewed", labId, $"{Kind.ToString().ToLowerInvariant()} {id}", ct);
        }

        var entries = new List<Entry>();
        foreach (var log in deliveries)
        {
            // What the partner said about each delivery (its status callbacks), shown under it.
            IReadOnlyList<PartnerAcknowledgement> acknowledgements = log.Direction == LogDirection.Outbound ? await logs.GetAcknowledgementsAsync(log.Id, ct) : [];
            if (!CanOperate)
            {
                acknowledgements = [.. acknowledgements.Select(Web.Api.LogRedaction.MetadataOnly)];
            }

            entries.Add(new Entry(log.CreatedAt, null, log, acknowledgements));
        }

        Entries = [.. (events ?? []).Select(e => new Entry(e.At, e, null))
            .Concat(entries)
            .OrderBy(e => e.At).ThenBy(e => e.Log is null ? 0 : 1)];
        return Page();
    }
}
