using System.Globalization;
using IntegrationHub.Logging;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Dashboard.Pages.Logs;

/// <summary>
/// The log browser's filters, bound from and written back to the query string, so the URL is the
/// filter state and a link can be shared.
/// </summary>
public sealed class LogFilterForm
{
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
        To = To,
        PatientId = PatientId,
        BillId = BillId,
        SampleId = SampleId,
        ReportId = ReportId,
        ErrorSignature = string.IsNullOrEmpty(ErrorSignature) ? null : ErrorSignature,
        Cursor = cursor,
        Limit = limit,
    };

    /// <summary>The filters as a query string (no leading '?'), without paging.</summary>
    public string QueryString()
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            var text = value switch
            {
                null => null,
                DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (!string.IsNullOrEmpty(text))
            {
                parts.Add($"{name}={Uri.EscapeDataString(text)}");
            }
        }

        Add("labId", LabId);
        Add("actionId", ActionId);
        Add("integrationId", IntegrationId);
        Add("vendor", Vendor);
        Add("status", Status);
        Add("direction", Direction);
        Add("from", From);
        Add("to", To);
        Add("patientId", PatientId);
        Add("billId", BillId);
        Add("sampleId", SampleId);
        Add("reportId", ReportId);
        Add("errorSignature", ErrorSignature);
        return string.Join('&', parts);
    }

    /// <summary>Value for a datetime-local input (UTC).</summary>
    public static string Local(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) ?? "";
}
