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
        await AssertFindsAsync(new LogQuery { ErrorSignature = "HttpStatus 400: Partner answered #: MRN # exists" }, refused);
        await AssertFindsAsync(new LogQuery { ErrorSignature = "HttpStatus 200" });
        Assert.Equal(2, await Store.CountAsync(new LogQuery { ErrorSignature = signature }, CancellationToken.None));
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
