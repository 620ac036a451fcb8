using IntegrationHub.Logging;

namespace IntegrationHub.Storage.PostgreSql.Tests;

/// <summary>JSONB cannot hold NUL; a partner's answer may carry one. The record is stored, never dropped.</summary>
public sealed class PostgreSqlJsonbTests
{
    [Theory]
    [InlineData("{\"a\":\"x\\u0000y\"}", "{\"a\":\"x\\uFFFDy\"}")]
    [InlineData("{\"a\":\"\\\\u0000\"}", "{\"a\":\"\\\\u0000\"}")]
    [InlineData("{\"a\":\"\\\\\\u0000\"}", "{\"a\":\"\\\\\\uFFFD\"}")]
    [InlineData("{\"a\":\"plain\"}", "{\"a\":\"plain\"}")]
    public void Only_a_real_NUL_escape_is_replaced(string json, string stored) =>
        Assert.Equal(stored, PostgreSqlJson.ForJsonb(json));

    [Fact]
    public async Task An_attempt_whose_answer_carries_NUL_is_recorded_with_the_replacement_character()
    {
        await using var db = await PostgreSqlTestDatabase.CreateAsync();
        var store = new PostgreSqlLogStore(db.Database, TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        var log = new IntegrationLog
        {
            Id = IntegrationLog.NewId(), LabId = 1, ActionId = 1, ActionName = "PatientRegistration", IntegrationId = 3,
            CreatedAt = now, State = new LogState { UpdatedAt = now },
        };
        await store.CreateAsync(log, CancellationToken.None);

        var recorded = await store.RecordAttemptAsync(new AttemptRecord
        {
            LogId = log.Id, Attempt = 1, Outcome = LogStatus.Fail, StartedAt = now,
            Response = new ResponseRecord { StatusCode = 500, Body = new BodyRecord("text/plain", "bad\0answer", 10, false) },
            Error = new ErrorRecord(ErrorClass.HttpStatus, "Partner answered 500", 500),
        }, CancellationToken.None);

        Assert.True(recorded);
        var attempt = Assert.Single(await store.GetAttemptsAsync(log.Id, CancellationToken.None));
        Assert.Equal("bad\uFFFDanswer", attempt.Response!.Body!.Text);
        Assert.Equal(LogStatus.Fail, (await store.GetAsync(log.Id, CancellationToken.None))!.State.Status);
    }
}
