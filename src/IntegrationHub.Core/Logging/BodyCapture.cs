using System.Text;

namespace IntegrationHub.Logging;

/// <summary>Caps logged bodies so one huge payload cannot bloat the directory.</summary>
public static class BodyCapture
{
    /// <summary>Keeps at most <paramref name="maxBytes"/> UTF-8 bytes of <paramref name="text"/>.</summary>
    public static BodyRecord Capture(string contentType, string text, int maxBytes, long? actualSize = null)
    {
        var size = actualSize ?? Encoding.UTF8.GetByteCount(text);
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return new BodyRecord(contentType, text, size, false);
        }

        // Cut on a character boundary at or under the cap.
        var chars = Math.Min(text.Length, maxBytes);
        while (chars > 0 && Encoding.UTF8.GetByteCount(text.AsSpan(0, chars)) > maxBytes)
        {
            chars -= Math.Max(1, (Encoding.UTF8.GetByteCount(text.AsSpan(0, chars)) - maxBytes) / 4);
        }

        if (chars > 0 && char.IsHighSurrogate(text[chars - 1]))
        {
            chars--;
        }

        return new BodyRecord(contentType, text[..chars], size, true);
    }

    /// <summary>Decodes captured bytes, flagging truncation when more followed.</summary>
    public static BodyRecord FromBytes(string contentType, ReadOnlySpan<byte> bytes, long totalSize, bool truncated) =>
        new(contentType, Encoding.UTF8.GetString(bytes), totalSize, truncated);
}
