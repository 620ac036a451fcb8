using System.Globalization;

namespace IntegrationHub.Logging;

/// <summary>
/// A log filter as the query-string fields of <c>GET /api/logs</c> and the dashboard's /logs (labId,
/// integrationId, from, ...), so a job that ran a filter can say which one and link back to it. The
/// reader's lab scope and paging are not part of it.
/// </summary>
public static class LogQueryFields
{
    /// <summary>The fields the filter sets, in the order the log browser lists them; times in ISO 8601 UTC.</summary>
    public static IReadOnlyDictionary<string, string> Of(LogQuery query)
    {
        var fields = new Dictionary<string, string>();
        void Add(string name, object? value)
        {
            var text = value switch
            {
                null => null,
                DateTimeOffset at => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (!string.IsNullOrEmpty(text))
            {
                fields[name] = text;
            }
        }

        Add("q", query.Search?.Text);
        Add("labId", query.LabId);
        Add("actionId", query.ActionId);
        Add("integrationId", query.IntegrationId);
        Add("vendor", query.Vendor);
        Add("status", query.Status);
        Add("direction", query.Direction);
        Add("from", query.From);
        Add("to", query.To);
        Add("patientId", query.PatientId);
        Add("billId", query.BillId);
        Add("sampleId", query.SampleId);
        Add("reportId", query.ReportId);
        Add("errorSignature", query.ErrorSignature);
        return fields;
    }

    /// <summary>The fields as a query string, without a leading '?'.</summary>
    public static string QueryString(IReadOnlyDictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));
}
