using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Tests.Delivery;

/// <summary>A retried delivery on a fake clock, so the attempts are provably apart in time.</summary>
public sealed class SignedRetryTests : HubTest
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));

    protected override Dictionary<string, string?> Settings => new() { ["IntegrationHub:RetryBaseDelay"] = "00:00:10", ["IntegrationHub:RetryMaxDelay"] = "00:05:00" };

    protected override TimeProvider Time => _time;

    [Fact]
    public async Task A_retry_keeps_the_webhook_id_and_signs_with_a_fresh_timestamp_from_the_hubs_clock()
    {
        var secret = WebhookSignature.NewSecret();
        var calls = 0;
        Sink.Responder = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? SinkResponse.WithStatus(500) : SinkResponse.Ok("{}"));
        var lab = await Hub.Client.CreateLabAsync("RESIGN");
        await Hub.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/flaky"), new { webhooks = new { signingSecrets = new[] { secret } } });
        var logId = (await Hub.Client.RegisterPatientAsync(lab, "MRN-RESIGN")).LogIds.Single();

        await Hub.Client.WaitForLogAsync(logId, l => l.Attempts() == 1);
        _time.Advance(TimeSpan.FromMinutes(1));
        await Hub.Client.WaitForStatusAsync(logId, "Success");

        var attempts = Sink.RequestsTo("/flaky");
        Assert.Equal(2, attempts.Count);
        var timestamps = attempts.Select(a => long.Parse(a.Header(WebhookSignature.TimestampHeader)!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(_time.Start.ToUnixTimeSeconds(), timestamps[0]);
        Assert.Equal(_time.Start.AddMinutes(1).ToUnixTimeSeconds(), timestamps[1]);
        foreach (var (attempt, timestamp) in attempts.Zip(timestamps))
        {
            Assert.Equal("msg_" + logId, attempt.Header(WebhookSignature.IdHeader));

            // The package's own check would compare the fake timestamp with the real clock, so its signature is compared instead.
            Assert.Equal(PartnerVerifier.Sign(secret, "msg_" + logId, timestamp, attempt.Body), attempt.Header(WebhookSignature.SignatureHeader));
        }

        Assert.NotEqual(attempts[0].Header(WebhookSignature.SignatureHeader), attempts[1].Header(WebhookSignature.SignatureHeader));
    }
}
