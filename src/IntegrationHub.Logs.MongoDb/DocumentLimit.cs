using System.Text;
using IntegrationHub.Logging;
using IntegrationHub.Storage;

namespace IntegrationHub.Logs.MongoDb;

/// <summary>
/// Keeps a log or attempt document under the engine's document limit: a document over
/// <see cref="MongoDbLogOptions.MaxDocumentBytes"/> has its bodies cut (each flagged truncated,
/// with its full size kept) and the document is flagged, never dropped.
/// </summary>
internal static class DocumentLimit
{
    /// <summary>The log's write-once JSON, and whether its payload had to be cut.</summary>
    public static (string Json, bool Truncated) Of(IntegrationLog log, int maxBytes)
    {
        var json = LogRow.DocumentOf(log);
        if (Encoding.UTF8.GetByteCount(json) <= maxBytes)
        {
            return (json, false);
        }

        var cut = log with { Payload = Cut(log.Payload, maxBytes), Note = Cut(log.Note, maxBytes) };
        return (LogRow.DocumentOf(cut), true);
    }

    /// <summary>The attempt's JSON, and whether its request or answer had to be cut.</summary>
    public static (string Json, bool Truncated) Of(AttemptRecord attempt, int maxBytes)
    {
        var json = HubJson.Serialize(attempt);
        if (Encoding.UTF8.GetByteCount(json) <= maxBytes)
        {
            return (json, false);
        }

        var cut = attempt with
        {
            Request = attempt.Request is { } request ? request with { Body = Cut(request.Body, maxBytes) } : null,
            Response = attempt.Response is { } response ? response with { Body = Cut(response.Body, maxBytes) } : null,
        };
        return (HubJson.Serialize(cut), true);
    }

    // A character can take up to six bytes once escaped in JSON: an eighth of the bound leaves room for the rest.
    private static int KeptChars(int maxBytes) => maxBytes / 8;

    private static BodyRecord? Cut(BodyRecord? body, int maxBytes) =>
        body is null || body.Text.Length <= KeptChars(maxBytes) ? body : body with { Text = Cut(body.Text, maxBytes)!, Truncated = true };

    private static string? Cut(string? text, int maxBytes)
    {
        var keep = KeptChars(maxBytes);
        if (text is null || text.Length <= keep)
        {
            return text;
        }

        // Never half a surrogate pair.
        return text[..(char.IsHighSurrogate(text[keep - 1]) ? keep - 1 : keep)];
    }
}
