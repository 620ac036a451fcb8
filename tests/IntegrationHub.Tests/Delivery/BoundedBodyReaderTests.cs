using IntegrationHub.Dispatch;

namespace IntegrationHub.Tests.Delivery;

/// <summary>The answer reader keeps what fits, counts the rest, and grows its buffer only as bytes arrive.</summary>
public sealed class BoundedBodyReaderTests
{
    // A stream that hands out its bytes a few at a time, as a socket does.
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }

    private static byte[] Bytes(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)('a' + (i % 26)))];

    private static Task<BodyRead> ReadAsync(byte[] answer, int keep, long countUpTo) =>
        BoundedBodyReader.ReadAsync(new TrickleStream(answer, 1000), keep, countUpTo, TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(50_000)]
    [InlineData(65_536)]
    public async Task An_answer_within_the_bound_is_kept_whole_in_a_buffer_no_larger_than_needed(int size)
    {
        var answer = Bytes(size);

        var read = await ReadAsync(answer, keep: 65_536, countUpTo: 65_537);

        Assert.Equal(answer, read.Buffer.AsSpan(0, read.Kept).ToArray());
        Assert.Equal(size, read.Size);
        Assert.False(read.Truncated);
        Assert.True(read.Complete);
        Assert.True(read.Buffer.Length <= Math.Max(4096, 2 * (size + 1)), $"A {size}-byte answer was read into {read.Buffer.Length} bytes.");
    }

    [Fact]
    public async Task A_longer_answer_keeps_the_bound_and_counts_the_rest()
    {
        var answer = Bytes(200_000);

        var read = await ReadAsync(answer, keep: 65_536, countUpTo: 1_000_000);

        Assert.Equal(answer.AsSpan(0, 65_536).ToArray(), read.Buffer.AsSpan(0, read.Kept).ToArray());
        Assert.Equal(200_000, read.Size);
        Assert.True(read.Truncated);
        Assert.True(read.Complete);
        Assert.True(read.Buffer.Length <= 65_537);
    }

    [Fact]
    public async Task Counting_stops_at_its_own_bound()
    {
        var read = await ReadAsync(Bytes(300_000), keep: 1024, countUpTo: 100_000);

        Assert.Equal(1024, read.Kept);
        Assert.True(read.Truncated);
        Assert.False(read.Complete);
        Assert.InRange(read.Size, 100_000, 300_000 - 1);
    }
}
