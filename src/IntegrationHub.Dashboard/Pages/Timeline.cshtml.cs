using IntegrationHub.Dashboard.Rendering;
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
    /// <summary>
    /// One line of the timeline: a domain event or a delivery, at the time it happened (a delivery at
    /// the time it reached its current status). <paramref name="Reason"/> says why a delivery the
    /// domain recorded as not delivered failed, read from that delivery's log.
    /// </summary>
    public sealed record Entry(DateTimeOffset At, EntityEvent? Event, LogSummary? Log, IReadOnlyList<PartnerAcknowledgement>? Acknowledgements = null, string? Reason = null)
    {
        /// <summary>The outcome colour: Success or Fail for outcomes, the log's status for deliveries, "event" otherwise.</summary>
        public string Outcome => Log is { } log ? log.Status.ToString()
            : Event?.Succeeded switch { true => nameof(LogStatus.Success), false => nameof(LogStatus.Fail), null => "event" };
    }

    /// <summary>Query-string fields the timeline reads, and what each must be.</summary>
    private static readonly Dictionary<string, string> Rules = new(StringComparer.OrdinalIgnoreCase)
    {
        ["labId"] = "Lab must be one of the labs listed.",
        ["kind"] = $"Entity must be one of {string.Join(", ", Enum.GetNames<EntityKind>())}.",
        ["id"] = "Id must be the entity's number in the hub, digits only; an MRN, a barcode or a bill number is not one.",
    };

    private const int MaxLogs = 500;

    [BindProperty(SupportsGet = true)]
    public long? LabId { get; set; }

    /// <summary>What support staff know of the entity (an MRN, a name, a barcode, a bill number, a report title).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The entities <see cref="Q"/> named, when it named more than one.</summary>
    public IReadOnlyList<EntityMatch> Found { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public EntityKind Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    public IReadOnlyList<LabSummary> Labs { get; private set; } = [];

    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public bool Missing { get; private set; }

    /// <summary>What to show in the id field: the id read, else what was typed.</summary>
    public string TypedId => Typed("id", Id);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Labs = await LabsAsync(ct);
        LabId ??= Labs.Count > 0 ? Labs[0].Id : null;
        if (!string.IsNullOrWhiteSpace(Q) && Id is null)
        {
            return await SearchAsync(Q.Trim(), ct);
        }

        if (!ReadFields(Rules) || (Id is null && Request.Query.ContainsKey("id")))
        {
            // A form sent with an id that cannot be read, or with none, says so: never a blank answer.
            UnreadFields = UnreadFields.Count > 0 ? UnreadFields : [Rules["id"].Replace("must be", "is required:", StringComparison.Ordinal)];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

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

            entries.Add(new Entry(log.UpdatedAt, null, log, acknowledgements));
        }

        var byId = deliveries.ToDictionary(l => l.Id);
        var outcomes = new List<Entry>();
        foreach (var e in events ?? [])
        {
            outcomes.Add(new Entry(e.At, e, null, Reason: e.Succeeded == false ? await FailureReasonAsync(e, byId, ct) : null));
        }

        Entries = [.. outcomes.Concat(entries).OrderBy(e => e.At).ThenBy(e => e.Log is null ? 0 : 1)];
        return Page();
    }

    // One entity named: its timeline. Several: a list to choose from. None: said so.
    private async Task<IActionResult> SearchAsync(string text, CancellationToken ct)
    {
        if (text.Length > LogSearchResolver.MaxTextLength)
        {
            UnreadFields = [$"Search must be at most {LogSearchResolver.MaxTextLength} characters."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var search = HttpContext.RequestServices.GetService(typeof(IEntitySearch)) as IEntitySearch;
        Found = search is null ? [] : await search.FindAsync(text, Scope.AsFilter(), LogSearch.MaxEntities, ct);
        if (Found is [var only])
        {
            return Redirect($"/timeline?labId={only.LabId}&kind={only.Kind}&id={only.Id}");
        }

        NothingFound = Found.Count == 0;
        return Page();
    }

    /// <summary>The search named nothing in the user's labs.</summary>
    public bool NothingFound { get; private set; }

    /// <summary>Why the delivery behind a "not delivered" event failed: the log's error while it still fails, else the failed attempt the event recorded.</summary>
    private async Task<string?> FailureReasonAsync(EntityEvent e, Dictionary<string, LogSummary> deliveries, CancellationToken ct)
    {
        if (e.LogId is not { } logId)
        {
            return null;
        }

        if (deliveries.TryGetValue(logId, out var log) && log.Status == LogStatus.Fail && log.Error is { } error)
        {
            return Format.Error(error);
        }

        var failed = (await logs.GetAttemptsAsync(logId, ct)).LastOrDefault(a => a.Error is not null && a.StartedAt <= e.At);
        return failed?.Error is { } earlier ? Format.Error(earlier) : null;
    }
}
