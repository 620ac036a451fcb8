using System.Globalization;
using IntegrationHub.Queue;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>A task's next run, serialised before the write gate is taken.</summary>
internal sealed record PreparedTask(string Json, long AvailableAtMs, long LeaseMs);

/// <summary>
/// Completes or reschedules leased tasks inside one transaction, each statement prepared once for
/// every task it touches. Both are checked by the lease token: a late worker changes nothing.
/// </summary>
internal sealed class SqliteQueueFinisher
{
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _reschedule;

    public SqliteQueueFinisher(SqliteStatementCache statements, SqliteTransaction? transaction)
    {
        _delete = statements.Get("DELETE FROM hub_queue WHERE id = $id AND lease_token = $token", transaction, "$id", "$token");
        _reschedule = statements.Get("""
            UPDATE hub_queue SET task = $task, available_at = $available, lease_ms = $leaseMs, lease_token = NULL
            WHERE id = $id AND lease_token = $token
            """, transaction, "$id", "$token", "$task", "$available", "$leaseMs");
    }

    /// <summary>Deletes the leased task; false when the lease is no longer this one.</summary>
    public async Task<bool> CompleteAsync(LeasedTask lease, CancellationToken cancellationToken)
    {
        _delete.Parameters["$id"].Value = long.Parse(lease.TaskId, CultureInfo.InvariantCulture);
        _delete.Parameters["$token"].Value = lease.LeaseToken;
        return await _delete.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Replaces the leased task by its next run; false when the lease is no longer this one.</summary>
    public async Task<bool> RescheduleAsync(LeasedTask lease, PreparedTask next, CancellationToken cancellationToken)
    {
        _reschedule.Parameters["$id"].Value = long.Parse(lease.TaskId, CultureInfo.InvariantCulture);
        _reschedule.Parameters["$token"].Value = lease.LeaseToken;
        _reschedule.Parameters["$task"].Value = next.Json;
        _reschedule.Parameters["$available"].Value = next.AvailableAtMs;
        _reschedule.Parameters["$leaseMs"].Value = next.LeaseMs;
        return await _reschedule.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
