using System.Net;
using IntegrationHub.Access;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Operations;

/// <summary>
/// A job left by a process that died at the worst moment, written through the job store as that
/// process left it: logs settled before its cursor, two logs taken past it, the retry of one of them
/// already queued. The server claims it once its lease has passed.
/// </summary>
public sealed class BulkRetryResumeTests : HubTest
{
    protected override Dictionary<string, string?> Settings => new() { ["IntegrationHub:BulkRetry:Lease"] = "00:00:01" };

    [Fact]
    public async Task A_resumed_job_skips_what_it_settled_and_retries_a_taken_log_only_if_its_retry_was_not_queued()
    {
        Sink.Responder = _ => Task.FromResult(SinkResponse.WithStatus(400, """{"error":"rejected"}"""));
        var lab = await Hub.Client.CreateLabAsync("RESUME");
        await Hub.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/resume"), new { maxAttempts = 1 });
        foreach (var mrn in new[] { "oldest", "third", "second", "newest" })
        {
            var (_, ids) = await Hub.Client.RegisterPatientAsync(lab, mrn);
            await Hub.Client.WaitForStatusAsync(ids.Single(), "Fail");
        }

        Sink.Responder = _ => Task.FromResult(SinkResponse.Ok("{}"));
        var logs = Hub.Services.GetRequiredService<ILogReadModel>();
        var filter = new LogQuery { LabId = lab, Status = LogStatus.Fail };
        var page = await logs.QueryAsync(filter with { Limit = 3 }, CancellationToken.None);
        var (settled, notQueued, queued) = (page.Items[0].Id, page.Items[1].Id, page.Items[2].Id);
        var oldest = Assert.Single((await logs.QueryAsync(filter with { Cursor = page.NextCursor }, CancellationToken.None)).Items).Id;
        var takenVersions = new Dictionary<string, long>();
        foreach (var id in new[] { notQueued, queued })
        {
            takenVersions[id] = (await logs.GetAsync(id, CancellationToken.None))!.State.Version;
        }

        // The dead process had queued this one's retry just before it died, without recording it.
        Assert.Equal(HttpStatusCode.Accepted, (await Hub.Client.PostAsync($"/api/logs/{queued}/retry", null)).StatusCode);
        await Hub.Client.WaitForStatusAsync(queued, "Success");

        var store = Hub.Services.GetRequiredService<IBulkRetryJobStore>();
        var now = DateTimeOffset.UtcNow;
        var job = new BulkRetryJob
        {
            Progress = new BulkRetryProgress { Id = "0193a0b0c0d0e0f0a0b0c0d0e0f0a0b1", RequestedBy = "key:dead-process", StartedAt = now, Matched = 4, Queued = 1, Succeeded = 1 },
            Filter = filter,
            Labs = LabScope.Only([lab]),
            Cursor = page.NextCursor,
            Owner = "dead-process",
            LeaseUntil = now.AddMinutes(5),
        };
        await store.CreateAsync(job, CancellationToken.None);
        Assert.True(await store.RecordAsync(
            new BulkRetryStep { Job = job with { LeaseUntil = now.AddSeconds(-1) }, Taken = [new(notQueued, takenVersions[notQueued], false), new(queued, takenVersions[queued], false)] },
            CancellationToken.None));

        var done = await BulkRetryJobs.WaitAsync(Hub.Client, job.Id, p => p.Done(), seconds: 60);

        Assert.Equal((4, 4, 4, 0, 0), (done.Count("matched"), done.Count("queued"), done.Count("succeeded"), done.Count("failed"), done.Count("skipped")));
        Assert.Equal(0, await BulkRetryJobs.ManualAttemptsAsync(Hub.Client, settled));
        await BulkRetryJobs.AssertRetriedOnceAsync(Hub.Client, [notQueued, queued, oldest]);
        Assert.Equal(2, Sink.Requests.Count(r => r.Header("X-Hub-Delivery-Id") == queued));
        Assert.Empty(await store.ListLogsAsync(job.Id, CancellationToken.None));
    }
}
