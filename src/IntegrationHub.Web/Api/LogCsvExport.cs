using System.Globalization;
using System.Text;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Web.Api;

/// <summary>
/// A filtered log list as CSV: metadata only (what a list shows, never a payload, body or header),
/// the same for every role, written page by page so a large export holds one page in memory.
/// Written by hand: RFC 4180 quoting and the formula guard are a few lines, and no served CSV
/// library guards spreadsheet formulas.
/// </summary>
internal static class LogCsvExport
{
    private static readonly string[] Header =
    [
        "id", "createdAt", "updatedAt", "direction", "labId", "actionId", "action", "integrationId", "integration", "vendor",
        "status", "attempts", "httpStatus", "errorClass", "error", "durationMs", "patientId", "billId", "sampleId", "reportId", "source", "caller",
    ];

    public static async Task WriteAsync(HttpResponse response, ILogReadModel store, LogQuery query, int maxRows, CancellationToken cancellationToken)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"logs-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024);
        await writer.WriteLineAsync(string.Join(',', Header));
        var written = 0;
        string? cursor = null;
        do
        {
            var page = await store.QueryAsync(query with { Cursor = cursor, Limit = Math.Min(LogQuery.MaxLimit, maxRows - written) }, cancellationToken);
            foreach (var log in page.Items)
            {
                await writer.WriteLineAsync(Row(log));
            }

            written += page.Items.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null && written < maxRows);

        if (cursor is not null)
        {
            await writer.WriteLineAsync(Cell($"(cut at {maxRows} rows: narrow the filter, or raise IntegrationHub:Export:MaxRows)"));
        }
    }

    private static string Row(LogSummary log) => string.Join(',', new[]
    {
        log.Id, Time(log.CreatedAt), Time(log.UpdatedAt), log.Direction.ToString(), Number(log.LabId), Number(log.ActionId), log.ActionName,
        Number(log.IntegrationId), log.IntegrationName, log.Vendor, log.Status.ToString(), Number(log.Attempts), Number(log.HttpStatus),
        log.Error?.Class.ToString(), log.Error?.Message, log.DurationMs?.ToString("0.###", CultureInfo.InvariantCulture),
        Number(log.Context.PatientId), Number(log.Context.BillId), Number(log.Context.SampleId), Number(log.Context.ReportId), log.Context.Source, log.Context.Caller,
    }.Select(Cell));

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// One cell, quoted when it must be. A text that a spreadsheet would run as a formula (starting
    /// with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe, so an error text
    /// a partner chose cannot become a formula on an operator's machine.
    /// </summary>
    internal static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPlainNumber(value))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    // A negative number is data, not a formula.
    private static bool IsPlainNumber(string value) =>
        value[0] == '-' && double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
}
