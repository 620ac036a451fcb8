using IntegrationHub.Logging;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class LogStoreContract
{
    private static AcknowledgementRequest Ack(long integrationId, string? logId, string? reference, string? webhookId, AcknowledgementStatus status = AcknowledgementStatus.Acked) => new()
    {
        IntegrationId = integrationId,
        DeliveryLogId = logId,
        Acknowledgement = new PartnerAcknowledgement
        {
            Status = status,
            ReceivedAt = T0.AddMinutes(1),
            PartnerReference = reference,
            WebhookId = webhookId,
            Reason = status == AcknowledgementStatus.Rejected ? "Unknown patient" : null,
        },
    };

    private async Task<IntegrationLog> DeliveredAsync(DateTimeOffset createdAt, long integrationId, string? partnerReference)
    {
        var log = NewLog(createdAt, integrationId: integrationId);
        await Store.CreateAsync(log, CancellationToken.None);
        await Store.RecordAttemptAsync(Attempt(log.Id, 1, LogStatus.Success, createdAt) with { PartnerReference = partnerReference }, CancellationToken.None);
        return log;
    }

    [Fact]
    public async Task The_log_read_back_carries_its_last_attempt_whole_before_and_after_a_callback()
    {
        var log = NewLog(T0, integrationId: 10);
        await Store.CreateAsync(log, CancellationToken.None);
        var attempt = Attempt(log.Id, 1, LogStatus.Success, T0) with
        {
            Request = new RequestRecord
            {
                Method = "POST",
                Url = "https://emr.example/results",
                Headers = new Dictionary<string, string> { ["X-Hub-Attempt"] = "1" },
                Body = BodyCapture.Capture("application/json", """{"mrn":"M-1"}""", 1024),
            },
            Response = new ResponseRecord { StatusCode = 202, Body = BodyCapture.Capture("text/plain", "queued", 1024) },
        };
        await Store.RecordAttemptAsync(attempt, CancellationToken.None);

        void AssertWhole(IntegrationLog read)
        {
            var last = read.State.LastAttempt!;
            Assert.Equal("""{"mrn":"M-1"}""", last.Request?.Body?.Text);
            Assert.Equal("1", last.Request?.Headers["X-Hub-Attempt"]);
            Assert.Equal("queued", last.Response?.Body?.Text);
            Assert.Equal(202, last.Response?.StatusCode);
        }

        AssertWhole(await GetExistingAsync(log.Id));
        await Store.AcknowledgeAsync(Ack(10, log.Id, "EMR-1", "wh-1"), CancellationToken.None);
        var acknowledged = await GetExistingAsync(log.Id);
        Assert.NotNull(acknowledged.State.Acknowledgement);
        AssertWhole(acknowledged);
    }

    [Fact]
    public async Task A_callback_naming_the_delivery_is_recorded_on_its_log_and_in_its_history()
    {
        var log = await DeliveredAsync(T0, 10, null);

        var result = await Store.AcknowledgeAsync(Ack(10, log.Id, "EMR-1", "wh-1", AcknowledgementStatus.Rejected), CancellationToken.None);

        Assert.Equal(new AcknowledgementResult(AcknowledgementOutcome.Recorded, log.Id), result);
        var state = (await GetExistingAsync(log.Id)).State;
        Assert.Equal(AcknowledgementStatus.Rejected, state.Acknowledgement!.Status);
        Assert.Equal("Unknown patient", state.Acknowledgement.Reason);
        Assert.Equal("EMR-1", state.PartnerReference);
        Assert.Equal(LogStatus.Success, state.Status);
        Assert.Equal("wh-1", Assert.Single(await Reads.GetAcknowledgementsAsync(log.Id, CancellationToken.None)).WebhookId);
    }

    [Fact]
    public async Task A_callback_by_partner_reference_finds_the_newest_delivery_of_that_integration_only()
    {
        var older = await DeliveredAsync(T0.AddMinutes(-10), 10, "REF-9");
        var newer = await DeliveredAsync(T0.AddMinutes(-5), 10, "REF-9");
        var otherIntegration = await DeliveredAsync(T0, 11, "REF-9");

        var result = await Store.AcknowledgeAsync(Ack(10, null, "REF-9", null), CancellationToken.None);

        Assert.Equal(newer.Id, result.LogId);
        Assert.Null((await GetExistingAsync(older.Id)).State.Acknowledgement);
        Assert.Null((await GetExistingAsync(otherIntegration.Id)).State.Acknowledgement);
    }

    [Fact]
    public async Task The_same_webhook_id_twice_is_a_duplicate_that_changes_nothing()
    {
        var log = await DeliveredAsync(T0, 10, "R-1");
        await Store.AcknowledgeAsync(Ack(10, log.Id, null, "wh-dup"), CancellationToken.None);
        var version = (await GetExistingAsync(log.Id)).State.Version;

        var again = await Store.AcknowledgeAsync(Ack(10, log.Id, null, "wh-dup", AcknowledgementStatus.Rejected), CancellationToken.None);

        Assert.Equal(new AcknowledgementResult(AcknowledgementOutcome.Duplicate, log.Id), again);
        var state = (await GetExistingAsync(log.Id)).State;
        Assert.Equal(AcknowledgementStatus.Acked, state.Acknowledgement!.Status);
        Assert.Equal(version, state.Version);
        Assert.Single(await Reads.GetAcknowledgementsAsync(log.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_callback_for_another_integrations_delivery_or_an_unknown_reference_matches_nothing()
    {
        var log = await DeliveredAsync(T0, 10, "R-2");

        Assert.Equal(AcknowledgementOutcome.NoSuchDelivery, (await Store.AcknowledgeAsync(Ack(11, log.Id, null, "wh-x"), CancellationToken.None)).Outcome);
        Assert.Equal(AcknowledgementOutcome.NoSuchDelivery, (await Store.AcknowledgeAsync(Ack(10, null, "R-unknown", "wh-y"), CancellationToken.None)).Outcome);
        Assert.Null((await GetExistingAsync(log.Id)).State.Acknowledgement);
        Assert.Empty(await Reads.GetAcknowledgementsAsync(log.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_new_attempt_starts_without_the_previous_acknowledgement_which_stays_in_the_history()
    {
        var log = await DeliveredAsync(T0, 10, "R-3");
        await Store.AcknowledgeAsync(Ack(10, log.Id, null, "wh-3", AcknowledgementStatus.Rejected), CancellationToken.None);

        await Store.RecordAttemptAsync(Attempt(log.Id, 2, LogStatus.Success, T0.AddMinutes(2)), CancellationToken.None);

        Assert.Null((await GetExistingAsync(log.Id)).State.Acknowledgement);
        Assert.Single(await Reads.GetAcknowledgementsAsync(log.Id, CancellationToken.None));
    }

    [Fact]
    public async Task An_acknowledgement_that_arrives_before_its_attempt_is_recorded_stays_on_the_log()
    {
        var log = NewLog(T0);
        await Store.CreateAsync(log, CancellationToken.None);

        // The partner calls back (T0 + 1 min) before the hub records the attempt that started at T0.
        await Store.AcknowledgeAsync(Ack(10, log.Id, "EMR-early", "wh-early"), CancellationToken.None);
        await Store.RecordAttemptAsync(Attempt(log.Id, 1, LogStatus.Success, T0), CancellationToken.None);

        var state = (await GetExistingAsync(log.Id)).State;
        Assert.Equal(LogStatus.Success, state.Status);
        Assert.Equal("wh-early", state.Acknowledgement?.WebhookId);
        Assert.Equal("EMR-early", state.PartnerReference);
        Assert.Equal(log.Id, (await Store.AcknowledgeAsync(Ack(10, null, "EMR-early", "wh-later"), CancellationToken.None)).LogId);
    }
}
