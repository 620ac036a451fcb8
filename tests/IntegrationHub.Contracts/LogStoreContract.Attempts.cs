using IntegrationHub.Logging;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class LogStoreContract
{
    [Fact]
    public async Task A_failed_attempt_with_a_next_attempt_moves_the_log_to_retrying()
    {
        var log = NewLog(T0);
        await Store.CreateAsync(log, CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(3));
        var attempt = Attempt(log.Id, 1, LogStatus.Retrying, T0.AddSeconds(1)) with
        {
            Response = new ResponseRecord { StatusCode = 503 },
            Error = new ErrorRecord(ErrorClass.HttpStatus, "Service Unavailable", 503),
            NextAttemptAt = T0.AddSeconds(5),
        };

        Assert.True(await Store.RecordAttemptAsync(attempt, CancellationToken.None));

        var state = (await GetExistingAsync(log.Id)).State;
        Assert.Equal(LogStatus.Retrying, state.Status);
        Assert.Equal(1, state.Attempts);
        Assert.Equal(T0.AddSeconds(5), state.NextAttemptAt);
        Assert.Equal(Time.GetUtcNow(), state.UpdatedAt);
        Assert.Null(state.CompletedAt);
        Assert.Null(state.PartnerReference);
        Assert.NotNull(state.LastAttempt);
        Assert.Equal(1, state.LastAttempt.Attempt);
        Assert.Equal(new ErrorRecord(ErrorClass.HttpStatus, "Service Unavailable", 503), state.LastAttempt.Error);
    }

    [Fact]
    public async Task A_successful_attempt_completes_the_log_with_the_partner_reference()
    {
        var log = NewLog(T0);
        await Store.CreateAsync(log, CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(1));
        await Store.RecordAttemptAsync(Attempt(log.Id, 1, LogStatus.Retrying, T0) with { NextAttemptAt = T0.AddSeconds(2) }, CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(await Store.RecordAttemptAsync(
            Attempt(log.Id, 2, LogStatus.Success, T0.AddSeconds(2)) with { Response = new ResponseRecord { StatusCode = 201 }, PartnerReference = "EMR-123" },
            CancellationToken.None));

        var state = (await GetExistingAsync(log.Id)).State;
        Assert.Equal(LogStatus.Success, state.Status);
        Assert.Equal(2, state.Attempts);
        Assert.Equal("EMR-123", state.PartnerReference);
        Assert.Equal(Time.GetUtcNow(), state.CompletedAt);
        Assert.Equal(Time.GetUtcNow(), state.UpdatedAt);
        Assert.Null(state.NextAttemptAt);
        Assert.Equal(2, state.LastAttempt?.Attempt);
        Assert.Equal(201, state.LastAttempt?.Response?.StatusCode);
    }

    [Fact]
    public async Task A_failed_final_attempt_completes_the_log_as_failed()
    {
        var log = NewLog(T0);
        await Store.CreateAsync(log, CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(4));

        await Store.RecordAttemptAsync(
            Attempt(log.Id, 1, LogStatus.Fail, T0) with { Error = new ErrorRecord(ErrorClass.Auth, "401 Unauthorized", 401) },
            CancellationToken.None);

        var state = (await GetExistingAsync(log.Id)).State;
        Assert.Equal(LogStatus.Fail, state.Status);
        Assert.Equal(Time.GetUtcNow(), state.CompletedAt);
        Assert.Equal(ErrorClass.Auth, state.LastAttempt?.Error?.Class);
    }

    [Fact]
    public async Task Attempts_are_kept_in_order_with_their_request_and_response()
    {
        var log = NewLog(T0);
        await Store.CreateAsync(log, CancellationToken.None);
        var first = Attempt(log.Id, 1, LogStatus.Retrying, T0) with
        {
            Request = new RequestRecord
            {
                Method = "POST",
                Url = "https://emr.example/api/patients",
                Headers = new Dictionary<string, string> { ["Authorization"] = "***", ["X-Hub-Attempt"] = "1" },
                Body = new BodyRecord("application/json", "{\"patient\":1}", 13, false),
                Attachments = [new AttachmentRecord("report_pdf", 2048, "abc123")],
            },
            Response = new ResponseRecord
            {
                StatusCode = 500,
                Headers = new Dictionary<string, string> { ["Retry-After"] = "2" },
                Body = new BodyRecord("text/plain", "oops", 4, false),
            },
            Error = new ErrorRecord(ErrorClass.HttpStatus, "Internal Server Error", 500),
            NextAttemptAt = T0.AddSeconds(2),
        };
        var second = Attempt(log.Id, 2, LogStatus.Fail, T0.AddSeconds(2)) with { Kind = AttemptKind.Manual, RequestedBy = "alice" };

        await Store.RecordAttemptAsync(first, CancellationToken.None);
        await Store.RecordAttemptAsync(second, CancellationToken.None);

        var attempts = await Reads.GetAttemptsAsync(log.Id, CancellationToken.None);
        Assert.Equal([1, 2], attempts.Select(a => a.Attempt));
        var read = attempts[0];
        Assert.Equal(LogStatus.Retrying, read.Outcome);
        Assert.Equal(AttemptKind.Automatic, read.Kind);
        Assert.Equal("system", read.RequestedBy);
        Assert.Equal(T0, read.StartedAt);
        Assert.Equal(12.5, read.DurationMs);
        Assert.Equal(T0.AddSeconds(2), read.NextAttemptAt);
        Assert.NotNull(read.Request);
        Assert.Equal("POST", read.Request.Method);
        Assert.Equal("https://emr.example/api/patients", read.Request.Url);
        Assert.Equal(first.Request.Headers.OrderBy(h => h.Key), read.Request.Headers.OrderBy(h => h.Key));
        Assert.Equal(first.Request.Body, read.Request.Body);
        Assert.Equal(first.Request.Attachments, read.Request.Attachments);
        Assert.NotNull(read.Response);
        Assert.Equal(500, read.Response.StatusCode);
        Assert.Equal(first.Response.Headers.OrderBy(h => h.Key), read.Response.Headers.OrderBy(h => h.Key));
        Assert.Equal(first.Response.Body, read.Response.Body);
        Assert.Equal(first.Error, read.Error);
        Assert.Equal(LogStatus.Fail, attempts[1].Outcome);
        Assert.Equal(AttemptKind.Manual, attempts[1].Kind);
        Assert.Equal("alice", attempts[1].RequestedBy);
    }

    [Fact]
    public async Task Recording_the_same_attempt_twice_changes_nothing()
    {
        var log = NewLog(T0);
        await Store.CreateAsync(log, CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(1));
        await Store.RecordAttemptAsync(Attempt(log.Id, 1, LogStatus.Retrying, T0) with { NextAttemptAt = T0.AddSeconds(2) }, CancellationToken.None);
        var before = (await GetExistingAsync(log.Id)).State;
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await Store.RecordAttemptAsync(Attempt(log.Id, 1, LogStatus.Success, T0) with { PartnerReference = "LATE" }, CancellationToken.None));

        var after = (await GetExistingAsync(log.Id)).State;
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(LogStatus.Retrying, after.Status);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Null(after.PartnerReference);
        var attempt = Assert.Single(await Reads.GetAttemptsAsync(log.Id, CancellationToken.None));
        Assert.Equal(LogStatus.Retrying, attempt.Outcome);
    }

    [Fact]
    public async Task An_older_attempt_is_kept_in_the_history_but_does_not_move_the_state()
    {
        var log = NewLog(T0);
        await Store.CreateAsync(log, CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(10));
        await Store.RecordAttemptAsync(Attempt(log.Id, 3, LogStatus.Success, T0.AddSeconds(8)) with { PartnerReference = "P-3" }, CancellationToken.None);
        var before = (await GetExistingAsync(log.Id)).State;
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await Store.RecordAttemptAsync(Attempt(log.Id, 2, LogStatus.Retrying, T0.AddSeconds(4)) with { NextAttemptAt = T0.AddSeconds(8) }, CancellationToken.None));

        var after = (await GetExistingAsync(log.Id)).State;
        Assert.Equal(LogStatus.Success, after.Status);
        Assert.Equal(3, after.Attempts);
        Assert.Equal("P-3", after.PartnerReference);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Equal(before.Version, after.Version);
        var attempts = await Reads.GetAttemptsAsync(log.Id, CancellationToken.None);
        Assert.Equal([2, 3], attempts.Select(a => a.Attempt));
    }

    [Fact]
    public async Task Recording_an_attempt_of_an_unknown_log_returns_false_and_keeps_nothing()
    {
        var id = IntegrationLog.NewId();

        Assert.False(await Store.RecordAttemptAsync(Attempt(id, 1, LogStatus.Success, T0), CancellationToken.None));

        Assert.Empty(await Reads.GetAttemptsAsync(id, CancellationToken.None));
        Assert.Null(await Reads.GetAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Every_state_change_increments_the_version()
    {
        var log = NewLog(T0);
        await Store.CreateAsync(log, CancellationToken.None);
        var created = (await GetExistingAsync(log.Id)).State.Version;

        await Store.RecordAttemptAsync(Attempt(log.Id, 1, LogStatus.Retrying, T0) with { NextAttemptAt = T0.AddSeconds(2) }, CancellationToken.None);
        var afterFirst = (await GetExistingAsync(log.Id)).State.Version;
        await Store.RecordAttemptAsync(Attempt(log.Id, 2, LogStatus.Success, T0.AddSeconds(2)), CancellationToken.None);
        var afterSecond = (await GetExistingAsync(log.Id)).State.Version;

        Assert.Equal(created + 1, afterFirst);
        Assert.Equal(created + 2, afterSecond);
    }

    [Fact]
    public async Task Recording_an_attempt_leaves_other_logs_untouched()
    {
        var log = NewLog(T0);
        var other = NewLog(T0);
        await CreateAllAsync(log, other);

        await Store.RecordAttemptAsync(Attempt(log.Id, 1, LogStatus.Success, T0), CancellationToken.None);

        Assert.Equal(other, await Reads.GetAsync(other.Id, CancellationToken.None));
        Assert.Empty(await Reads.GetAttemptsAsync(other.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Attempts_recorded_concurrently_in_any_order_leave_the_latest_as_the_state()
    {
        var log = NewLog(T0);
        await Store.CreateAsync(log, CancellationToken.None);
        var attempts = new[] { 4, 9, 1, 10, 3, 7, 2, 8, 6, 5 }
            .Select(n => Attempt(log.Id, n, n == 10 ? LogStatus.Success : LogStatus.Retrying, T0.AddSeconds(n)));

        var recorded = await Task.WhenAll(attempts.Select(a => Task.Run(() => Store.RecordAttemptAsync(a, CancellationToken.None))));

        Assert.All(recorded, Assert.True);
        var state = (await GetExistingAsync(log.Id)).State;
        Assert.Equal(10, state.Attempts);
        Assert.Equal(LogStatus.Success, state.Status);
        Assert.Equal(10, state.LastAttempt?.Attempt);
        Assert.Equal(Enumerable.Range(1, 10), (await Reads.GetAttemptsAsync(log.Id, CancellationToken.None)).Select(a => a.Attempt));
    }
}

