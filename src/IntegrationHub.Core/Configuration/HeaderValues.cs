namespace IntegrationHub.Configuration;

/// <summary>
/// What may go into a header value: no control characters (CR and LF split a request; NUL and the
/// others confuse parsers), tab excepted as HTTP allows it. Checked when an integration is saved and
/// again right before each value is put on a request, including tokens fetched from a partner.
/// </summary>
public static class HeaderValues
{
    /// <summary>Longest header value the hub sends or accepts in configuration, in characters.</summary>
    public const int MaxLength = 8192;

    /// <summary>Whether <paramref name="value"/> may be sent as a header value.</summary>
    public static bool IsSafe(string? value) =>
        value is null || (value.Length <= MaxLength && !value.AsSpan().ContainsAnyInRange('\u0000', '\u0008') && !value.AsSpan().ContainsAnyInRange('\u000A', '\u001F') && !value.Contains('\u007F', StringComparison.Ordinal));

    /// <summary>The rule, for error texts that name it without quoting the value.</summary>
    public const string Rule = "must hold no control characters (such as CR or LF) and at most 8192 characters";

    /// <summary>Throws when a value about to be sent breaks the rule; the message names the header, never the value.</summary>
    public static string Require(string? value, string what) =>
        IsSafe(value) ? value ?? "" : throw new InvalidOperationException($"The {what} {Rule}.");
}
