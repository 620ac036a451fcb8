using System.Text.Json.Nodes;
using IntegrationHub.Hosting;
using IntegrationHub.Retries;
using IntegrationHub.Storage;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Tests;

/// <summary>Automatic retries on a fake clock: the schedule is advanced, never slept through.</summary>
public sealed class RetryTests : HubTest
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
    private long _lab;

    protected override Dictionary<string, string?> Settings => new() { ["IntegrationHub:RetryBaseDelay"] = "00:00:10", ["IntegrationHub:RetryMaxDelay"] = "00:05:00" };

    protected override TimeProvider Time => _time;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("RETRY");
    }

    private async Task<string> TriggerAsync(string path, object? extra = null)
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url(path), extra);
        return (await Hub.Client.RegisterPatientAsync(_lab, $"MRN-{Guid.NewGuid():N}"[..12])).LogIds.Single();
    }

    private static JsonNode LastAttempt(JsonNode log) => log["log"]!["state"]!["lastAttempt"]!;

    [Fact]
    public async Task Transient_failures_are_retried_on_the_backoff_schedule_until_success()
    {
        var calls = 0;
        Sink.Responder = _ => Task.FromResult(Interlocked.Increment(ref calls) <= 2 ? SinkResponse.WithStatus(503) : SinkResponse.Ok("{}"));
        var logId = await TriggerAsync("/flaky");

        var first = await Hub.Client.WaitForLogAsync(logId, l => l.Attempts() == 1);
        Assert.Equal("Retrying", first.Status());
        var due = LastAttempt(first)["nextAttemptAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(due - _time.GetUtcNow(), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        await Task.Delay(300);
        Assert.Single(Sink.Requests);

        _time.Advance(TimeSpan.FromSeconds(10));
        await Hub.Client.WaitForLogAsync(logId, l => l.Attempts() == 2);
        _time.Advance(TimeSpan.FromSeconds(20));
        var done = await Hub.Client.WaitForStatusAsync(logId, "Success");

        Assert.Equal(3, done.Attempts());
        var outcomes = done["attempts"]!.AsArray().Select(a => a!["outcome"]!.GetValue<string>());
        Assert.Equal(["Retrying", "Retrying", "Success"], outcomes);
        Assert.Equal(3, Sink.Requests.Count);
    }

    [Fact]
    public async Task Retry_after_from_the_partner_sets_the_next_attempt()
    {
        var calls = 0;
        Sink.Responder = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? SinkResponse.WithStatus(429).WithHeader("Retry-After", "120")
            : SinkResponse.Ok("{}"));
        var logId = await TriggerAsync("/throttled");

        var first = await Hub.Client.WaitForLogAsync(logId, l => l.Attempts() == 1);
        var attempt = LastAttempt(first);
        Assert.Equal(TimeSpan.FromSeconds(120), attempt["nextAttemptAt"]!.GetValue<DateTimeOffset>() - attempt["startedAt"]!.GetValue<DateTimeOffset>());

        _time.Advance(TimeSpan.FromSeconds(119));
        await Task.Delay(300);
        Assert.Single(Sink.Requests);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Hub.Client.WaitForStatusAsync(logId, "Success");
    }

    [Fact]
    public async Task A_client_error_is_final_and_not_retried()
    {
        Sink.Responder = _ => Task.FromResult(SinkResponse.WithStatus(422, """{"error":"bad mrn"}"""));
        var logId = await TriggerAsync("/strict");
        var log = await Hub.Client.WaitForStatusAsync(logId, "Fail");
        Assert.Equal(1, log.Attempts());
        Assert.Equal("HttpStatus", LastAttempt(log)["error"]!["class"]!.GetValue<string>());
        Assert.Equal(422, LastAttempt(log)["response"]!["statusCode"]!.GetValue<int>());
        Assert.Contains("bad mrn", LastAttempt(log)["response"]!["body"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_redirect_is_a_failure_and_is_not_followed()
    {
        Sink.Responder = r => Task.FromResult(r.Path == "/moved"
            ? SinkResponse.WithStatus(302).WithHeader("Location", Sink.Url("/elsewhere"))
            : SinkResponse.Ok("{}"));
        var logId = await TriggerAsync("/moved");
        var log = await Hub.Client.WaitForStatusAsync(logId, "Fail");
        Assert.Equal(302, LastAttempt(log)["error"]!["httpStatus"]!.GetValue<int>());
        Assert.Empty(Sink.RequestsTo("/elsewhere"));
    }

    [Fact]
    public async Task Attempts_stop_at_the_integrations_budget()
    {
        Sink.Responder = _ => Task.FromResult(SinkResponse.WithStatus(500));
        var logId = await TriggerAsync("/down", new { maxAttempts = 2 });
        await Hub.Client.WaitForLogAsync(logId, l => l.Attempts() == 1);
        _time.Advance(TimeSpan.FromMinutes(1));
        var log = await Hub.Client.WaitForStatusAsync(logId, "Fail");
        Assert.Equal(2, log.Attempts());
        _time.Advance(TimeSpan.FromHours(1));
        await Task.Delay(300);
        Assert.Equal(2, Sink.Requests.Count);
        Assert.Equal(0, await Hub.Services.GetRequiredService<IntegrationHub.Storage.IDeliveryTransport>().CountAsync(CancellationToken.None));
    }

    [Fact]
    public void Backoff_doubles_with_jitter_and_is_capped()
    {
        var policy = new RetryPolicy(Options.Create(new RetryOptions { RetryBaseDelay = TimeSpan.FromSeconds(2), RetryMaxDelay = TimeSpan.FromSeconds(30), RetryAfterCap = TimeSpan.FromMinutes(5) }));
        for (var run = 0; run < 50; run++)
        {
            Assert.InRange(policy.Delay(1, null), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
            Assert.InRange(policy.Delay(3, null), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8));
            Assert.InRange(policy.Delay(10, null), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
        }

        Assert.Equal(TimeSpan.FromSeconds(90), policy.Delay(1, TimeSpan.FromSeconds(90)));
        Assert.Equal(TimeSpan.FromMinutes(5), policy.Delay(1, TimeSpan.FromHours(2)));
    }
}
