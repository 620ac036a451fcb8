using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Families;
using IntegrationHub.Logging;
using IntegrationHub.Payloads;

namespace IntegrationHub.Dispatch;

/// <summary>
/// A request body assembled while it is sent: the payload's text with each attachment placeholder
/// replaced by the attachment's base64, streamed from its source in chunks. The binary is never
/// held whole in memory, in the queue or in the log; its size and SHA-256 are computed on the way.
/// Each serialization starts its sources from the beginning, so the body can be written twice:
/// once into the signature's HMAC, once to the partner (see <see cref="RereadableAsync"/>).
/// </summary>
internal sealed class AttachmentStreamContent : HttpContent
{
    // A multiple of 3, so each chunk encodes to base64 without padding.
    private const int ChunkBytes = 48 * 1024;
    private readonly IReadOnlyList<BodyPart> _parts;
    private readonly IReadOnlyDictionary<string, AttachmentData> _attachments;
    private readonly List<AttachmentRecord> _records = [];

    public AttachmentStreamContent(IReadOnlyList<BodyPart> parts, IReadOnlyDictionary<string, AttachmentData> attachments, string contentType)
    {
        _parts = parts;
        _attachments = attachments;
        Headers.TryAddWithoutValidation("Content-Type", contentType);
    }

    /// <summary>Size and hash of each attachment, known once the body has been sent.</summary>
    public IReadOnlyList<AttachmentRecord> Records => _records;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _records.Clear();
        foreach (var part in _parts)
        {
            if (part.Text is not null)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(part.Text), cancellationToken);
            }
            else
            {
                _records.Add(await WriteBase64Async(part.AttachmentName!, stream, cancellationToken));
            }
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        foreach (var part in _parts)
        {
            length += part.Text is not null
                ? Encoding.UTF8.GetByteCount(part.Text)
                : (_attachments[part.AttachmentName!].Length + 2) / 3 * 4;
        }

        return true;
    }

    /// <summary>
    /// An attachment whose source can be read more than once: itself when its stream can seek, else
    /// a copy spooled to a temporary file (deleted on close), so memory stays bounded either way.
    /// </summary>
    public static async Task<AttachmentData> RereadableAsync(AttachmentData attachment, CancellationToken cancellationToken)
    {
        if (attachment.Content.CanSeek)
        {
            return attachment;
        }

        var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await using (attachment.Content)
            {
                await attachment.Content.CopyToAsync(spool, cancellationToken);
            }

            spool.Position = 0;
            return attachment with { Content = spool, Length = spool.Length };
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    private async Task<AttachmentRecord> WriteBase64Async(string name, Stream destination, CancellationToken cancellationToken)
    {
        var source = _attachments[name].Content;
        if (source.CanSeek)
        {
            source.Position = 0;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var encoded = ArrayPool<byte>.Shared.Rent((ChunkBytes / 3 * 4) + 4);
        try
        {
            long total = 0;
            int filled;
            while ((filled = await FillAsync(source, buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, filled);
                total += filled;
                System.Buffers.Text.Base64.EncodeToUtf8(buffer.AsSpan(0, filled), encoded, out _, out var written);
                await destination.WriteAsync(encoded.AsMemory(0, written), cancellationToken);
            }

            return new AttachmentRecord(name, total, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(encoded);
        }
    }

    // Reads until the chunk is full or the stream ends, so only the last chunk can need padding.
    private static async Task<int> FillAsync(Stream source, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < ChunkBytes && (read = await source.ReadAsync(buffer.AsMemory(filled, ChunkBytes - filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var attachment in _attachments.Values)
            {
                attachment.Content.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
