using IntegrationHub.Logging;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Api;

/// <summary>Query-string filters of GET /api/logs.</summary>
internal sealed record LogFilter
{
    public long? LabId { get; init; }

    public int? ActionId { get; init; }

    public long? IntegrationId { get; init; }

    public string? Vendor { get; init; }

    public string? Status { get; init; }

    public string? Direction { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public long? PatientId { get; init; }

    public long? BillId { get; init; }

    public long? SampleId { get; init; }

    public long? ReportId { get; init; }

    /// <summary>Only logs whose current error has this signature (as the overview groups failures).</summary>
    public string? ErrorSignature { get; init; }

    /// <summary>
    /// A search: what support staff know (an MRN, a patient's name, a barcode, a bill number, a report
    /// title, the partner's reference or a log id), matched exactly; combined with the other filters.
    /// </summary>
    public string? Q { get; init; }

    public int? Limit { get; init; }

    public string? Cursor { get; init; }

    /// <summary>
    /// The query with <see cref="Q"/> resolved through the domain's search (when the host has one),
    /// within the caller's labs; a problem that names the field when a filter cannot be read.
    /// </summary>
    public async Task<(LogQuery? Query, IResult? Problem)> ResolveAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (ToQuery(out var problem) is not { } query)
        {
            return (null, problem);
        }

        var labs = http.User.LabScope().AsFilter();
        query = query with { LabIds = labs };
        if (Q is null)
        {
            return (query, null);
        }

        if (Q.Trim().Length is 0 or > LogSearchResolver.MaxTextLength)
        {
            return (null, ApiProblems.Validation("q", $"Must be 1 to {LogSearchResolver.MaxTextLength} characters."));
        }

        var entities = http.RequestServices.GetService(typeof(History.IEntitySearch)) as History.IEntitySearch;
        var (search, _) = await LogSearchResolver.ResolveAsync(Q, entities, labs, cancellationToken);
        return (query with { Search = search }, null);
    }

    private LogQuery? ToQuery(out IResult? problem)
    {
        problem = null;
        LogStatus? status = null;
        LogDirection? direction = null;
        if (Status is not null)
        {
            if (!Enum.TryParse<LogStatus>(Status, ignoreCase: true, out var s) || int.TryParse(Status, out _))
            {
                problem = ApiProblems.Validation("status", "Must be Queued, Retrying, Success or Fail.");
                return null;
            }

            status = s;
        }

        if (Direction is not null)
        {
            if (!Enum.TryParse<LogDirection>(Direction, ignoreCase: true, out var d) || int.TryParse(Direction, out _))
            {
                problem = ApiProblems.Validation("direction", "Must be Outbound or Inbound.");
                return null;
            }

            direction = d;
        }

        if (Limit is < 1 or > LogQuery.MaxLimit)
        {
            problem = ApiProblems.Validation("limit", $"Must be between 1 and {LogQuery.MaxLimit}.");
            return null;
        }

        return new LogQuery
        {
            LabId = LabId,
            ActionId = ActionId,
            IntegrationId = IntegrationId,
            Vendor = Vendor,
            Status = status,
            Direction = direction,
            From = From,
            To = To,
            PatientId = PatientId,
            BillId = BillId,
            SampleId = SampleId,
            ReportId = ReportId,
            ErrorSignature = string.IsNullOrEmpty(ErrorSignature) ? null : ErrorSignature,
            Limit = Limit ?? 50,
            Cursor = Cursor,
        };
    }

    /// <summary>The filters set, in words, for the audit log.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={value}");
            }
        }

        Add("q", Q);
        Add("lab", LabId);
        Add("action", ActionId);
        Add("integration", IntegrationId);
        Add("vendor", Vendor);
        Add("direction", Direction);
        Add("from", From?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", To?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add("patient", PatientId);
        Add("bill", BillId);
        Add("sample", SampleId);
        Add("report", ReportId);
        Add("error", ErrorSignature);
        return parts.Count == 0 ? "all FAIL logs" : "FAIL logs with " + string.Join(", ", parts);
    }
}
