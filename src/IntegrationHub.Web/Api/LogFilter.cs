using IntegrationHub.Logging;
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

    public int? Limit { get; init; }

    public string? Cursor { get; init; }

    public LogQuery? ToQuery(out IResult? problem)
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
