using System.Globalization;
using IntegrationHub.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Dashboard.Pages.Logs;

/// <summary>
/// The log browser's filters, bound from and written back to the query string, so the URL is the
/// filter state and a link can be shared.
/// </summary>
public sealed class LogFilterForm
{
    /// <summary>The search box: an MRN, a name, a barcode, a bill number, a report title, a partner reference or a log id.</summary>
    [FromQuery(Name = "q")] public string? Q { get; set; }

    [FromQuery(Name = "labId")] public long? LabId { get; set; }

    [FromQuery(Name = "actionId")] public int? ActionId { get; set; }

    [FromQuery(Name = "integrationId")] public long? IntegrationId { get; set; }

    [FromQuery(Name = "vendor")] public string? Vendor { get; set; }

    [FromQuery(Name = "status")] public LogStatus? Status { get; set; }

    [FromQuery(Name = "direction")] public LogDirection? Direction { get; set; }

    [FromQuery(Name = "from")] public DateTimeOffset? From { get; set; }

    [FromQuery(Name = "to")] public DateTimeOffset? To { get; set; }

    [FromQuery(Name = "patientId")] public long? PatientId { get; set; }

    [FromQuery(Name = "billId")] public long? BillId { get; set; }

    [FromQuery(Name = "sampleId")] public long? SampleId { get; set; }

    [FromQuery(Name = "reportId")] public long? ReportId { get; set; }

    [FromQuery(Name = "errorSignature")] public string? ErrorSignature { get; set; }

    /// <summary>What each filter must be, for the page to say which one it could not apply.</summary>
    public static IReadOnlyDictionary<string, string> Rules { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["labId"] = "Lab must be one of the labs listed.",
        ["actionId"] = "Action must be one of the actions listed.",
        ["integrationId"] = "Integration must be one of the integrations listed.",
        ["status"] = $"Status must be one of {string.Join(", ", Enum.GetNames<LogStatus>())}.",
        ["direction"] = $"Direction must be {string.Join(" or ", Enum.GetNames<LogDirection>())}.",
        ["from"] = "From must be a date and time in UTC, like 2026-12-04T18:00.",
        ["to"] = "To must be a date and time in UTC, like 2026-12-04T18:00.",
        ["patientId"] = "Patient id must be the patient's number in the hub, digits only; an MRN or a name is not one.",
        ["billId"] = "Bill id must be the bill's number in the hub, digits only; a printed bill number is not one.",
        ["sampleId"] = "Sample id must be the sample's number in the hub, digits only; a barcode is not one.",
        ["reportId"] = "Report id must be the report's number in the hub, digits only.",
    };

    /// <summary>
    /// Where the window ends, exclusive. A "to" of a whole minute, as the form's minute picker sends,
    /// takes in that whole minute: from 18:00 to 18:00 is the minute 18:00, never an empty window.
    /// </summary>
    public DateTimeOffset? End => To is { } to && to.Ticks % TimeSpan.TicksPerMinute == 0 ? to.AddMinutes(1) : To;

    /// <summary>
    /// The query with the search box resolved through the domain's search (when the host has one)
    /// within <paramref name="labIds"/>; no query, and a problem naming the rule, when the search text is too long.
    /// </summary>
    public async Task<(LogQuery? Query, string? Problem, IReadOnlyList<History.EntityMatch> Entities)> ResolveAsync(HttpContext http, IReadOnlyCollection<long>? labIds, string? cursor, int limit, CancellationToken ct)
    {
        var query = ToQuery(labIds, cursor, limit);
        if (string.IsNullOrWhiteSpace(Q))
        {
            return (query, null, []);
        }

        if (Q.Trim().Length > LogSearchResolver.MaxTextLength)
        {
            return (null, $"Search must be at most {LogSearchResolver.MaxTextLength} characters.", []);
        }

        var (search, entities) = await LogSearchResolver.ResolveAsync(Q, http.RequestServices.GetService<History.IEntitySearch>(), labIds, ct);
        return (query with { Search = search }, null, entities);
    }

    public LogQuery ToQuery(IReadOnlyCollection<long>? labIds, string? cursor, int limit) => new()
    {
        LabIds = labIds,
        LabId = LabId,
        ActionId = ActionId,
        IntegrationId = IntegrationId,
        Vendor = string.IsNullOrWhiteSpace(Vendor) ? null : Vendor.Trim(),
        Status = Status,
        Direction = Direction,
        From = From,
        To = End,
        PatientId = PatientId,
        BillId = BillId,
        SampleId = SampleId,
        ReportId = ReportId,
        ErrorSignature = string.IsNullOrEmpty(ErrorSignature) ? null : ErrorSignature,
        Cursor = cursor,
        Limit = limit,
    };

    /// <summary>The filters as a query string (no leading '?'), without paging; "to" as given, not widened to its minute.</summary>
    public string QueryString() => LogQueryFields.QueryString(LogQueryFields.Of(WithText(ToQuery(null, null, 1) with { To = To })));

    /// <summary>The filters as <c>GET /api/logs/export.csv</c> takes them: "to" widened to its whole minute, as the page applied it.</summary>
    public string ExportQueryString() => LogQueryFields.QueryString(LogQueryFields.Of(WithText(ToQuery(null, null, 1))));

    // The search box's text as a field of the query string, unresolved (the reader resolves it again).
    private LogQuery WithText(LogQuery query) => string.IsNullOrWhiteSpace(Q) ? query : query with { Search = new LogSearch { Text = Q.Trim() } };

    /// <summary>Value for a time field: UTC, 24-hour, to the minute (seconds only when it has them), as the dashboard shows times everywhere.</summary>
    public static string Local(DateTimeOffset? at) => at?.UtcDateTime.ToString(at.Value.Ticks % TimeSpan.TicksPerMinute == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";
}
