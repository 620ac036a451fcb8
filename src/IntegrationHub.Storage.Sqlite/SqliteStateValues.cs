using IntegrationHub.Logging;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>A log state as the values of <c>hub_log</c>'s state columns, serialised once.</summary>
internal sealed record SqliteStateValues(
    string Status, int Attempts, long UpdatedAt, int? HttpStatus, string? ErrorClass, string? ErrorMessage,
    string? ErrorSignature, string? PartnerReference, double? DurationMs, string State)
{
    /// <summary>The parameters <see cref="SqliteLogRows.UpdateState"/> and the log insert take for the state.</summary>
    public static string[] Parameters { get; } =
        ["$status", "$attempts", "$updated", "$httpStatus", "$errorClass", "$errorMessage", "$errorSignature", "$partnerReference", "$duration", "$state"];

    /// <param name="state">The state to store.</param>
    /// <param name="lastAttemptInRetryLog">
    /// The state's last attempt is (being) written to <c>hub_attempt</c>: the state keeps it without
    /// its request and answer, which reads take from there (<see cref="SqliteLogStore"/>'s
    /// <c>GetAsync</c>). Each finish then rewrites a row of about half the size.
    /// </param>
    public static SqliteStateValues Of(LogState state, bool lastAttemptInRetryLog = false)
    {
        var last = state.LastAttempt;
        var httpStatus = last?.Response?.StatusCode ?? last?.Error?.HttpStatus;
        return new SqliteStateValues(
            state.Status.ToString(),
            state.Attempts,
            SqliteTime.ToMs(state.UpdatedAt),
            httpStatus,
            last?.Error?.Class.ToString(),
            last?.Error?.Message,
            IntegrationHub.Logging.ErrorSignature.Of(last?.Error, httpStatus),
            state.PartnerReference,
            last?.DurationMs,
            HubJson.Serialize(state with
            {
                Version = 0,
                LastAttempt = lastAttemptInRetryLog && last is not null ? last with { Request = null, Response = null } : last,
            }));
    }

    /// <summary>Sets the state parameters on the command, adding those it lacks.</summary>
    public void Bind(SqliteCommand command)
    {
        var p = command.Parameters;
        Set(p, "$status", Status);
        Set(p, "$attempts", Attempts);
        Set(p, "$updated", UpdatedAt);
        Set(p, "$httpStatus", HttpStatus);
        Set(p, "$errorClass", ErrorClass);
        Set(p, "$errorMessage", ErrorMessage);
        Set(p, "$errorSignature", ErrorSignature);
        Set(p, "$partnerReference", PartnerReference);
        Set(p, "$duration", DurationMs);
        Set(p, "$state", State);
    }

    private static void Set(SqliteParameterCollection p, string name, object? value)
    {
        if (p.Contains(name))
        {
            p[name].Value = value ?? DBNull.Value;
        }
        else
        {
            p.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}
