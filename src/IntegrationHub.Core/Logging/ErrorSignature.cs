using System.Text.RegularExpressions;

namespace IntegrationHub.Logging;

/// <summary>
/// The same failure seen many times, as one string: the error class, the HTTP status and the message
/// with its volatile parts replaced, so "answered 503 after 1234 ms for id 42" and "answered 503 after
/// 87 ms for id 7" group together. Stores keep it with a log's current state; the dashboard groups and
/// filters by it. Changing the rules below splits existing groups, so change them deliberately.
/// </summary>
public static partial class ErrorSignature
{
    /// <summary>The longest signature, in characters; longer ones are cut.</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// Messages are read up to this length: a body pasted into a message must not cost a scan of
    /// megabytes. Generous against the cap, since replacing ids shortens the text a lot.
    /// </summary>
    private const int MaxScanned = 4096;

    /// <summary>
    /// The signature of <paramref name="error"/>, or null when there is no error: "HTTP 503: message" for
    /// an HTTP status ("Class status: message" for the other classes), where numbers (with their decimal
    /// or time separators) and ISO dates become <c>#</c>, but for what an operator needs to read: the
    /// HTTP status itself ("answered 503", not "answered #") and short numbers that are part of a word
    /// (HL7, v2.5, R01); GUIDs, hexadecimal ids of 8 or more characters and other tokens of 16 or more
    /// letters and digits (each with a digit) become <c>…</c>; quoted values become <c>"…"</c> or
    /// <c>'…'</c>; white space is collapsed. At most <see cref="MaxLength"/> characters.
    /// </summary>
    /// <param name="error">The error of a log's latest attempt.</param>
    /// <param name="httpStatus">The partner's answer, if any; when null, the error's own HTTP status is used.</param>
    public static string? Of(ErrorRecord? error, int? httpStatus)
    {
        if (error is null)
        {
            return null;
        }

        var status = httpStatus ?? error.HttpStatus;
        var name = error.Class == ErrorClass.HttpStatus ? "HTTP" : error.Class.ToString();
        var head = status is { } code ? $"{name} {code}" : name;
        var message = Normalise(error.Message ?? "", status?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Cut(message.Length == 0 ? head : $"{head}: {message}");
    }

    private static string Normalise(string message, string? status)
    {
        var text = message.Length > MaxScanned ? message[..MaxScanned] : message;
        text = GuidText().Replace(text, "…");
        text = DoubleQuoted().Replace(text, "\"…\"");
        text = SingleQuoted().Replace(text, "'…'");

        // Hex ids before digits: replacing the digits first would leave "#a#f#" shapes that differ per id.
        text = HexId().Replace(text, "…");
        text = LongToken().Replace(text, "…");
        text = IsoTime().Replace(text, "#");
        text = Digits().Replace(text, m => Kept(m, text, status) ? m.Value : "#");
        return WhiteSpace().Replace(text, " ").Trim();
    }

    /// <summary>The HTTP status as a number of its own, and up to 3 digits that are part of a word (HL7, v2.5, ORU^R01), are kept.</summary>
    private static bool Kept(Match number, string text, string? status)
    {
        var inWord = number.Index > 0 && char.IsAsciiLetter(text[number.Index - 1]);
        return inWord ? number.Value.Count(char.IsAsciiDigit) <= 3 : number.Value == status;
    }

    private static string Cut(string signature)
    {
        if (signature.Length <= MaxLength)
        {
            return signature;
        }

        var length = char.IsHighSurrogate(signature[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return signature[..length].TrimEnd();
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GuidText();

    [GeneratedRegex("\"[^\"\\r\\n]{0,200}\"")]
    private static partial Regex DoubleQuoted();

    // An apostrophe inside a word ("partner's") opens no quote.
    [GeneratedRegex("(?<![A-Za-z0-9])'[^'\\r\\n]{0,200}'(?![A-Za-z0-9])")]
    private static partial Regex SingleQuoted();

    // Word edges by hand: "_" and "-" end an id here, where \b would take "req_4bf9" as one word.
    [GeneratedRegex("(?<![0-9A-Za-z])(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{8,}(?![0-9A-Za-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HexId();

    // Random tokens that are not hexadecimal (base62, base64url ids): long and with a digit.
    [GeneratedRegex("(?<![0-9A-Za-z])(?=[0-9A-Za-z]*[0-9])[0-9A-Za-z]{16,}(?![0-9A-Za-z])")]
    private static partial Regex LongToken();

    [GeneratedRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?")]
    private static partial Regex IsoTime();

    [GeneratedRegex("[0-9]+(?:[.,:][0-9]+)*")]
    private static partial Regex Digits();

    [GeneratedRegex("\\s+")]
    private static partial Regex WhiteSpace();
}
