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

    /// <summary>The columns of <paramref name="state"/> (see <see cref="LogStateColumns.Of"/>), times in ms.</summary>
    public static SqliteStateValues Of(LogState state, bool lastAttemptInRetryLog = false)
    {
        var c = LogStateColumns.Of(state, lastAttemptInRetryLog);
        return new SqliteStateValues(
            c.Status.ToString(), c.Attempts, SqliteTime.ToMs(c.UpdatedAt), c.HttpStatus, c.ErrorClass?.ToString(), c.ErrorMessage,
            c.ErrorSignature, c.PartnerReference, c.DurationMs, c.State);
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
