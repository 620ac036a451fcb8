using IntegrationHub.Logging;

namespace IntegrationHub.Storage;

/// <summary>
/// How a relational backend splits a log into a row: a write-once document (everything but the
/// state), the state as a document of its own, and the state's searchable fields in columns. Every
/// backend stores the same shape, so each reads what the other would write.
/// </summary>
public static class LogRow
{
    /// <summary>The write-once part of a log: everything but <see cref="IntegrationLog.State"/>.</summary>
    /// <param name="log">The log.</param>
    public static string DocumentOf(IntegrationLog log)
    {
        var node = System.Text.Json.JsonSerializer.SerializeToNode(log, HubJson.Options)!.AsObject();
        node.Remove("state");
        return node.ToJsonString();
    }

    /// <summary>A log from its document, its state document and the row's version.</summary>
    /// <param name="document">What <see cref="DocumentOf"/> made.</param>
    /// <param name="state">The state document (<see cref="LogStateColumns.State"/>).</param>
    /// <param name="version">The row's version, counted by the backend on every change of the state.</param>
    public static IntegrationLog Read(string document, string state, long version)
    {
        var log = HubJson.Deserialize<IntegrationLog>(document);
        return log with { State = HubJson.Deserialize<LogState>(state) with { Version = version } };
    }
}

/// <summary>A log state as the values of a row's state columns, serialised once.</summary>
/// <param name="Status">The log's status.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="UpdatedAt">When the state last changed.</param>
/// <param name="HttpStatus">The last answer's status code, or the one its error names.</param>
/// <param name="ErrorClass">The last attempt's error class, if it failed.</param>
/// <param name="ErrorMessage">The last attempt's error message, if it failed.</param>
/// <param name="ErrorSignature">The last error's signature (<see cref="Logging.ErrorSignature"/>), for grouping.</param>
/// <param name="PartnerReference">The partner's own id of the delivery, once known.</param>
/// <param name="DurationMs">The last attempt's duration.</param>
/// <param name="State">The state document, its version left to the row.</param>
public sealed record LogStateColumns(
    LogStatus Status, int Attempts, DateTimeOffset UpdatedAt, int? HttpStatus, ErrorClass? ErrorClass, string? ErrorMessage,
    string? ErrorSignature, string? PartnerReference, double? DurationMs, string State)
{
    /// <param name="state">The state to store.</param>
    /// <param name="lastAttemptInRetryLog">
    /// The state's last attempt is (being) written to the retry log: the state document keeps it
    /// without its request and answer, which reads join back from there. Each finish then rewrites
    /// a row of about half the size.
    /// </param>
    public static LogStateColumns Of(LogState state, bool lastAttemptInRetryLog = false)
    {
        var last = state.LastAttempt;
        var httpStatus = last?.Response?.StatusCode ?? last?.Error?.HttpStatus;
        return new LogStateColumns(
            state.Status,
            state.Attempts,
            state.UpdatedAt,
            httpStatus,
            last?.Error?.Class,
            last?.Error?.Message,
            Logging.ErrorSignature.Of(last?.Error, httpStatus),
            state.PartnerReference,
            last?.DurationMs,
            HubJson.Serialize(state with
            {
                Version = 0,
                LastAttempt = lastAttemptInRetryLog && last is not null ? last with { Request = null, Response = null } : last,
            }));
    }
}
