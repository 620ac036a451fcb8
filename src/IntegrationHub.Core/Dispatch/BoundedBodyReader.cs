namespace IntegrationHub.Dispatch;

/// <summary>
/// Reads an answer from a partner or a token endpoint without trusting it: at most a given number of
/// bytes are kept, at most another bound are counted (never kept), and each read must bring data
/// within the idle timeout. The caller's token bounds the whole read besides.
/// </summary>
/// <remarks>Written here because neither HttpClient nor SocketsHttpHandler bounds the silence between two reads of a body.</remarks>
internal static class BoundedBodyReader
{
    private const int InitialBufferBytes = 4 * 1024;

    /// <summary>Keeps up to <paramref name="keep"/> bytes; then, if <paramref name="countUpTo"/> allows, counts the rest.</summary>
    public static async Task<BodyRead> ReadAsync(Stream stream, int keep, long countUpTo, TimeSpan idle, TimeProvider time, CancellationToken cancellationToken)
    {
        using var silence = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, silence.Token);
        // Grown as the answer arrives, up to one byte more than is kept: most answers are small, and
        // a buffer of the whole bound for each would be zeroed and collected once per delivery.
        var limit = keep + 1;
        var buffer = new byte[Math.Min(limit, InitialBufferBytes)];
        var filled = 0;
        long size = 0;
        var scratch = Array.Empty<byte>();
        try
        {
            while (true)
            {
                silence.CancelAfter(idle);
                int read;
                if (filled < limit)
                {
                    if (filled == buffer.Length)
                    {
                        Array.Resize(ref buffer, (int)Math.Min(limit, 2L * buffer.Length));
                    }

                    read = await stream.ReadAsync(buffer.AsMemory(filled), linked.Token);
                    filled += read;
                }
                else if (size < countUpTo)
                {
                    scratch = scratch.Length == 0 ? new byte[16 * 1024] : scratch;
                    read = await stream.ReadAsync(scratch, linked.Token);
                }
                else
                {
                    return new BodyRead(buffer, Math.Min(filled, keep), size, Truncated: true, Complete: false);
                }

                if (read == 0)
                {
                    return new BodyRead(buffer, Math.Min(filled, keep), size, Truncated: size > keep, Complete: true);
                }

                size += read;
            }
        }
        catch (OperationCanceledException) when (silence.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new PartnerTimeoutException($"The answer stalled: nothing arrived for {idle.TotalSeconds:0.#} s while it was read.");
        }
    }
}

/// <summary>What <see cref="BoundedBodyReader"/> read: <see cref="Kept"/> bytes of <see cref="Buffer"/>, of <see cref="Size"/> counted.</summary>
internal readonly record struct BodyRead(byte[] Buffer, int Kept, long Size, bool Truncated, bool Complete);
