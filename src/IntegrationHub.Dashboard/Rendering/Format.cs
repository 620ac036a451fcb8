using System.Globalization;
using System.Text.Json;
using IntegrationHub.Logging;

namespace IntegrationHub.Dashboard.Rendering;

/// <summary>How the dashboard writes times, durations, rates and bodies.</summary>
public static class Format
{
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string ShortTime(DateTimeOffset at) => at.UtcDateTime.ToString("MMM d, HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var span = now - at;
        return span.TotalSeconds < 60 ? $"{Math.Max(0, (int)span.TotalSeconds)}s ago"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes}m ago"
            : span.TotalHours < 48 ? $"{(int)span.TotalHours}h ago"
            : $"{(int)span.TotalDays}d ago";
    }

    public static string Duration(double? ms) => ms switch
    {
        null => "–",
        < 1 => "<1 ms",
        < 1000 => $"{ms.Value.ToString("0", CultureInfo.InvariantCulture)} ms",
        _ => $"{(ms.Value / 1000).ToString("0.0", CultureInfo.InvariantCulture)} s",
    };

    /// <summary>An error as an operator reads it: "HTTP 503: Partner answered 503." for an answer, "Timeout: ..." otherwise.</summary>
    public static string Error(ErrorRecord error) =>
        (error.Class == ErrorClass.HttpStatus ? (error.HttpStatus is { } status ? $"HTTP {status}" : "HTTP") : error.Class.ToString()) + ": " + error.Message;

    /// <summary>How long until a moment, in the unit a person reads: "in 40 s", "in 9 min", "in 3 h".</summary>
    public static string Until(DateTimeOffset at, DateTimeOffset now) => (at - now) switch
    {
        var d when d <= TimeSpan.Zero => "due now",
        var d when d < TimeSpan.FromMinutes(1) => $"in {Math.Ceiling(d.TotalSeconds):0} s",
        var d when d < TimeSpan.FromHours(1) => $"in {Math.Ceiling(d.TotalMinutes):0} min",
        var d => $"in {d.TotalHours:0.#} h",
    };

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Success share of finished deliveries, or null when none finished.</summary>
    public static double? SuccessRate(StatusCounts counts) =>
        counts.Success + counts.Fail == 0 ? null : (double)counts.Success / (counts.Success + counts.Fail);

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString(r is > 0.999 or < 0.001 ? "0" : "0.0", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>CSS class of a success-rate bar.</summary>
    public static string RateClass(double? rate) => rate switch { null => "", < 0.8 => "low", < 0.98 => "mid", _ => "" };

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} KiB",
        _ => $"{(bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture)} MiB",
    };

    /// <summary>A body for reading: JSON indented, anything else as it came.</summary>
    public static string Pretty(BodyRecord? body)
    {
        if (body is null || body.Text.Length == 0)
        {
            return "";
        }

        if (body.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase) && !body.Truncated)
        {
            try
            {
                using var document = JsonDocument.Parse(body.Text);
                return JsonSerializer.Serialize(document.RootElement, Indented);
            }
            catch (JsonException)
            {
            }
        }

        return body.Text;
    }

    /// <summary>
    /// Replaces attachment placeholders by what identifies the file (size, SHA-256): a PDF is never
    /// shown inline, and the logged body never held it anyway.
    /// </summary>
    public static string WithAttachments(string text, IReadOnlyList<AttachmentRecord> attachments)
    {
        foreach (var part in Payloads.AttachmentPlaceholder.Split(text).Where(p => p.AttachmentName is not null).Select(p => p.AttachmentName!).Distinct())
        {
            var record = attachments.FirstOrDefault(a => a.Name == part);
            var description = record is null
                ? $"[attachment {part}: streamed as base64 at send time]"
                : $"[attachment {part}: {Bytes(record.Size)}, sha256 {record.Sha256}]";
            text = text.Replace(Payloads.AttachmentPlaceholder.For(part), description, StringComparison.Ordinal);
        }

        return text;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
