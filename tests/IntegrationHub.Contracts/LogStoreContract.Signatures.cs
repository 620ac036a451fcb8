using IntegrationHub.Logging;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class LogStoreContract
{
    [Fact]
    public async Task Query_by_error_signature_finds_the_logs_whose_current_error_has_it()
    {
        var (slow1, slow2, refused, sent) = (NewLog(T0.AddMinutes(-1)), NewLog(T0.AddMinutes(-2)), NewLog(T0.AddMinutes(-3)), NewLog(T0.AddMinutes(-4)));
        await CreateAllAsync(slow1, slow2, refused, sent);
        await FailAsync(slow1, 1, "Partner answered 503 after 1234 ms for id 42", 503);
        await FailAsync(slow2, 1, "Partner answered 503 after 87 ms for id 7", 503, LogStatus.Retrying);
        await FailAsync(refused, 1, "Partner answered 400: MRN 17 exists", 400);
        await Store.RecordAttemptAsync(Attempt(sent.Id, 1, LogStatus.Success, T0), CancellationToken.None);
        var signature = ErrorSignature.Of(new ErrorRecord(ErrorClass.HttpStatus, "Partner answered 503 after 5 ms for id 1"), 503);

        await AssertFindsAsync(new LogQuery { ErrorSignature = signature }, slow1, slow2);
        await AssertFindsAsync(new LogQuery { ErrorSignature = signature, Status = LogStatus.Fail }, slow1);
        await AssertFindsAsync(new LogQuery { ErrorSignature = "HTTP 400: Partner answered 400: MRN # exists" }, refused);
        await AssertFindsAsync(new LogQuery { ErrorSignature = "HTTP 200" });
        Assert.Equal(2, await Reads.CountAsync(new LogQuery { ErrorSignature = signature }, CancellationToken.None));
    }

    [Fact]
    public async Task A_log_that_succeeds_after_failing_loses_its_error_signature()
    {
        var log = NewLog(T0.AddMinutes(-5));
        await CreateAllAsync(log);
        await FailAsync(log, 1, "Connection refused by 10.0.0.7:443", null, LogStatus.Retrying, ErrorClass.Connection);
        var signature = "Connection: Connection refused by #";
        await AssertFindsAsync(new LogQuery { ErrorSignature = signature }, log);

        await Store.RecordAttemptAsync(Attempt(log.Id, 2, LogStatus.Success, T0), CancellationToken.None);

        await AssertFindsAsync(new LogQuery { ErrorSignature = signature });
    }

    [Fact]
    public async Task Signatures_group_failures_that_differ_only_by_numbers_most_frequent_first()
    {
        var s = await SeedSignatureSetAsync();

        var counts = await Reads.GetErrorSignaturesAsync(null, T0.AddHours(-1), T0, 10, CancellationToken.None);

        Assert.Equal(
            [
                new ErrorSignatureCount(Unavailable503, ErrorClass.HttpStatus, 503, 3, s.Latest503At, s.Latest503.Id),
                new ErrorSignatureCount(Unavailable502, ErrorClass.HttpStatus, 502, 2, s.Latest502At, s.Latest502.Id),
                new ErrorSignatureCount("Timeout: No answer within # s", ErrorClass.Timeout, null, 1, s.TimeoutAt, s.Timeout.Id),
            ],
            counts);
    }

    [Fact]
    public async Task Signatures_keep_only_the_most_frequent_up_to_the_limit()
    {
        await SeedSignatureSetAsync();

        var counts = await Reads.GetErrorSignaturesAsync(null, T0.AddHours(-1), T0, 2, CancellationToken.None);

        Assert.Equal([Unavailable503, Unavailable502], counts.Select(c => c.Signature));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Reads.GetErrorSignaturesAsync(null, T0.AddHours(-1), T0, 0, CancellationToken.None));
    }

    [Fact]
    public async Task Signatures_of_a_lab_scope_count_only_those_labs()
    {
        await SeedSignatureSetAsync();

        var lab1 = await Reads.GetErrorSignaturesAsync([1], T0.AddHours(-1), T0, 10, CancellationToken.None);
        Assert.Equal([(Unavailable502, 2L), (Unavailable503, 2L)], lab1.Select(c => (c.Signature, c.Count))); // a tie: the latest seen first

        var lab2 = await Reads.GetErrorSignaturesAsync([2, 3], T0.AddHours(-1), T0, 10, CancellationToken.None);
        Assert.Equal([("Timeout: No answer within # s", 1L), (Unavailable503, 1L)], lab2.Select(c => (c.Signature, c.Count)));

        Assert.Empty(await Reads.GetErrorSignaturesAsync([], T0.AddHours(-1), T0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Signatures_count_only_logs_created_in_the_window_that_are_failed_now()
    {
        await SeedSignatureSetAsync();

        // From is inclusive (the 503 created at T0-45m counts), to exclusive (the one created at T0-15m does not).
        var narrow = await Reads.GetErrorSignaturesAsync(null, T0.AddMinutes(-45), T0.AddMinutes(-15), 10, CancellationToken.None);

        Assert.Equal([(Unavailable503, 1L), (Unavailable502, 1L)], narrow.Select(c => (c.Signature, c.Count)));
    }

    [Fact]
    public async Task A_log_that_failed_and_then_succeeded_no_longer_counts()
    {
        var log = NewLog(T0.AddMinutes(-10));
        await CreateAllAsync(log);
        await FailAsync(log, 1, "Partner answered 503 after 12 ms for id 1", 503);
        Assert.Equal(1, Assert.Single(await Reads.GetErrorSignaturesAsync(null, T0.AddHours(-1), T0, 10, CancellationToken.None)).Count);

        await Store.RecordAttemptAsync(Attempt(log.Id, 2, LogStatus.Success, T0) with { Kind = AttemptKind.Manual }, CancellationToken.None);

        Assert.Empty(await Reads.GetErrorSignaturesAsync(null, T0.AddHours(-1), T0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Signatures_of_a_window_without_failures_are_empty()
    {
        await SeedSignatureSetAsync();

        Assert.Empty(await Reads.GetErrorSignaturesAsync(null, T0.AddDays(-2), T0.AddDays(-1), 10, CancellationToken.None));
    }

    private const string Unavailable503 = "HTTP 503: Partner answered 503 after # ms for id #";
    private const string Unavailable502 = "HTTP 502: Partner answered 502 after # ms for id #";

    /// <summary>
    /// Inside [T0-1h, T0), each failure recorded one second after the previous on the store's clock:
    /// 503 x3 (labs 1, 2, 1; created T0-55m, T0-45m, T0-15m), 502 x2 (lab 1; T0-40m, T0-10m), one
    /// timeout (lab 3, T0-5m). Not counted: a 503 still retrying (T0-30m), a 503 that succeeded on its
    /// second attempt (T0-25m), a 503 created before the window (T0-2h), a success (T0-20m).
    /// </summary>
    private async Task<SignatureSet> SeedSignatureSetAsync()
    {
        var logs = new[]
        {
            NewLog(T0.AddMinutes(-55), labId: 1), NewLog(T0.AddMinutes(-45), labId: 2), NewLog(T0.AddMinutes(-15), labId: 1),
            NewLog(T0.AddMinutes(-40), labId: 1), NewLog(T0.AddMinutes(-10), labId: 1),
            NewLog(T0.AddMinutes(-5), labId: 3),
            NewLog(T0.AddMinutes(-30), labId: 1), NewLog(T0.AddMinutes(-25), labId: 1), NewLog(T0.AddHours(-2), labId: 1), NewLog(T0.AddMinutes(-20), labId: 1),
        };
        await CreateAllAsync(logs);
        var failedAt = new DateTimeOffset[logs.Length];
        async Task Fail(int i, string message, int? status, LogStatus outcome = LogStatus.Fail, ErrorClass errorClass = ErrorClass.HttpStatus)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            failedAt[i] = Time.GetUtcNow();
            await FailAsync(logs[i], 1, message, status, outcome, errorClass);
        }

        await Fail(0, "Partner answered 503 after 1234 ms for id 42", 503);
        await Fail(3, "Partner answered 502 after 17 ms for id 9", 502);
        await Fail(1, "Partner answered 503 after 87 ms for id 7", 503);
        await Fail(5, "No answer within 30 s", null, errorClass: ErrorClass.Timeout);
        await Fail(2, "Partner answered 503 after 5 ms for id 1000", 503);
        await Fail(4, "Partner answered 502 after 2000 ms for id 12", 502);
        await Fail(6, "Partner answered 503 after 3 ms for id 3", 503, LogStatus.Retrying);
        await Fail(7, "Partner answered 503 after 3 ms for id 4", 503);
        await Store.RecordAttemptAsync(Attempt(logs[7].Id, 2, LogStatus.Success, T0), CancellationToken.None);
        await Fail(8, "Partner answered 503 after 3 ms for id 5", 503);
        await Store.RecordAttemptAsync(Attempt(logs[9].Id, 1, LogStatus.Success, T0), CancellationToken.None);
        return new SignatureSet(logs[2], failedAt[2], logs[4], failedAt[4], logs[5], failedAt[5]);
    }

    private sealed record SignatureSet(IntegrationLog Latest503, DateTimeOffset Latest503At, IntegrationLog Latest502, DateTimeOffset Latest502At, IntegrationLog Timeout, DateTimeOffset TimeoutAt);

    /// <summary>Records attempt <paramref name="number"/> of <paramref name="log"/> as failed with this error.</summary>
    private async Task FailAsync(IntegrationLog log, int number, string message, int? httpStatus, LogStatus outcome = LogStatus.Fail, ErrorClass errorClass = ErrorClass.HttpStatus, DateTimeOffset? at = null)
    {
        var attempt = Attempt(log.Id, number, outcome, at ?? log.CreatedAt.AddSeconds(number)) with
        {
            Response = httpStatus is { } status ? new ResponseRecord { StatusCode = status } : null,
            Error = new ErrorRecord(errorClass, message, httpStatus),
        };
        Assert.True(await Store.RecordAttemptAsync(attempt, CancellationToken.None));
    }
}
