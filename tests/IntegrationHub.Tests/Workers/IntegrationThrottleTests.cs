using IntegrationHub.Configuration;
using IntegrationHub.Hosting;
using IntegrationHub.Workers;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Tests.Workers;

/// <summary>The rate gate on a fake clock: a send holds its place until its answer arrives plus the window, and sends are paced.</summary>
public sealed class IntegrationThrottleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly IntegrationThrottle _throttle;
    private static readonly LabIntegration TwoPerSecond = new() { Id = 1, LabId = 1, RateLimitPerSecond = 2, MaxConcurrency = 10 };

    public IntegrationThrottleTests() => _throttle = new IntegrationThrottle(_time, Options.Create(new WorkerOptions { WorkerCount = 4 }));

    [Fact]
    public async Task Sends_are_paced_one_per_window_share_rather_than_let_out_together()
    {
        using var first = await _throttle.WaitToSendAsync(TwoPerSecond, CancellationToken.None);
        var second = _throttle.WaitToSendAsync(TwoPerSecond, CancellationToken.None);
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(509));
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(2));
        (await second).Dispose();
    }

    [Fact]
    public async Task A_place_frees_a_window_after_the_answer_not_after_the_send()
    {
        var first = await _throttle.WaitToSendAsync(TwoPerSecond, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(600));
        var second = await _throttle.WaitToSendAsync(TwoPerSecond, CancellationToken.None);

        // Both answers are slow; the third request may leave only a window after the first answer.
        _time.Advance(TimeSpan.FromSeconds(3));
        var third = _throttle.WaitToSendAsync(TwoPerSecond, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(third.IsCompleted);
        first.Dispose();
        _time.Advance(TimeSpan.FromMilliseconds(1010));
        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        (await third).Dispose();
        second.Dispose();
    }

    [Fact]
    public void A_lab_holds_at_most_three_quarters_of_the_workers()
    {
        var a = new LabIntegration { Id = 10, LabId = 1, MaxConcurrency = 10 };
        var b = new LabIntegration { Id = 20, LabId = 2, MaxConcurrency = 10 };
        var now = _time.GetUtcNow();
        Assert.Equal(3, _throttle.LabLimit);
        Assert.True(_throttle.TryEnter(a, now));
        Assert.True(_throttle.TryEnter(a, now));
        Assert.True(_throttle.TryEnter(a, now));
        Assert.False(_throttle.TryEnter(a, now));
        Assert.Equal(0, _throttle.Capacity(now, out _)[10]);
        Assert.True(_throttle.TryEnter(b, now));
        _throttle.Exit(10);
        Assert.Equal(1, _throttle.Capacity(now, out _)[10]);
    }
}
