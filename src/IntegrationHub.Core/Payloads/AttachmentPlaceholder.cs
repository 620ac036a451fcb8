using System.Text.RegularExpressions;

namespace IntegrationHub.Payloads;

/// <summary>
/// Marks where an attachment's base64 goes. Payloads are rendered at trigger time with the marker;
/// the dispatcher streams the real content in its place, so neither the queued task nor the log
/// ever holds the binary.
/// </summary>
public static partial class AttachmentPlaceholder
{
    private const string Prefix = "@@hub-attachment:";
    private const string Suffix = "@@";

    public static string For(string attachmentName) => Prefix + attachmentName + Suffix;

    /// <summary>Splits a body into text and attachment parts, in order.</summary>
    public static IReadOnlyList<BodyPart> Split(string body)
    {
        var parts = new List<BodyPart>();
        var last = 0;
        foreach (Match match in Marker().Matches(body))
        {
            if (match.Index > last)
            {
                parts.Add(new BodyPart(body[last..match.Index], null));
            }

            parts.Add(new BodyPart(null, match.Groups[1].Value));
            last = match.Index + match.Length;
        }

        if (last < body.Length)
        {
            parts.Add(new BodyPart(body[last..], null));
        }

        return parts;
    }

    [GeneratedRegex("@@hub-attachment:([a-z0-9_]+)@@")]
    private static partial Regex Marker();
}

/// <summary>Either literal text or the name of an attachment to stream as base64.</summary>
public sealed record BodyPart(string? Text, string? AttachmentName);
