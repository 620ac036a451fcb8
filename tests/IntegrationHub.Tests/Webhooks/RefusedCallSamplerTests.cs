using IntegrationHub.Web.Webhooks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Tests.Webhooks;

public sealed class RefusedCallSamplerTests
{
    [Fact]
    public void A_few_refusals_a_minute_are_logged_per_integration_and_the_next_one_logged_counts_those_left_out()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var sampler = new RefusedCallSampler(Options.Create(new WebhookOptions { RefusedLogsPerMinute = 2 }), time);

        Assert.True(sampler.ShouldLog(1, out var leftOut));
        Assert.Equal(0, leftOut);
        Assert.True(sampler.ShouldLog(1, out _));
        Assert.False(sampler.ShouldLog(1, out _));
        Assert.False(sampler.ShouldLog(1, out _));
        Assert.True(sampler.ShouldLog(2, out _));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(sampler.ShouldLog(1, out leftOut));
        Assert.Equal(2, leftOut);
        Assert.True(sampler.ShouldLog(1, out leftOut));
        Assert.Equal(0, leftOut);
    }
}
