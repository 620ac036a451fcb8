using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>Bulk retry jobs in the hub's SQLite file (<see cref="SqliteBulkRetrySchema"/>).</summary>
public sealed class SqliteBulkRetryJobStore(SqliteHubDatabase database) : IBulkRetryJobStore
{
    private const string JobColumns = "owner, lease_until, doc";

    /// <inheritdoc />
    public async Task CreateAsync(BulkRetryJob job, CancellationToken cancellationToken)
    {
        await using var lease = await database.OpenForWriteAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = """
            INSERT INTO hub_bulk_retry_job (id, started_at, done, owner, lease_until, doc)
            VALUES ($id, $started, $done, $owner, $lease, $doc)
            """;
        BindJob(command, job);
        command.Parameters.AddWithValue("$started", SqliteTime.ToMs(job.Progress.StartedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<BulkRetryJob?> GetAsync(string id, CancellationToken cancellationToken) =>
        await ReadJobsAsync($"SELECT {JobColumns} FROM hub_bulk_retry_job WHERE id = $id", c => c.Parameters.AddWithValue("$id", id), cancellationToken)
            is [var job] ? job : null;

    /// <inheritdoc />
    public Task<IReadOnlyList<BulkRetryJob>> ListRecentAsync(int limit, CancellationToken cancellationToken) =>
        ReadJobsAsync($"SELECT {JobColumns} FROM hub_bulk_retry_job ORDER BY started_at DESC, id DESC LIMIT $limit",
            c => c.Parameters.AddWithValue("$limit", Math.Max(limit, 1)), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<BulkRetryJob>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var lease = await database.OpenForWriteAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand();

        // One statement: the rows it takes are taken by no other claim.
        command.CommandText = $"""
            UPDATE hub_bulk_retry_job SET owner = $owner, lease_until = $until
            WHERE done = 0 AND lease_until <= $now
            RETURNING {JobColumns}
            """;
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$until", SqliteTime.ToMs(leaseUntil));
        command.Parameters.AddWithValue("$now", SqliteTime.ToMs(now));
        return await ReadJobsAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BulkRetryJobLog>> ListLogsAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT log_id, version, queued FROM hub_bulk_retry_log WHERE job_id = $job";
        command.Parameters.AddWithValue("$job", jobId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<BulkRetryJobLog>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new BulkRetryJobLog(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2) == 1));
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<bool> RecordAsync(BulkRetryStep step, CancellationToken cancellationToken)
    {
        await using var lease = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await lease.Connection.BeginTransactionAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE hub_bulk_retry_job SET done = $done, lease_until = $lease, doc = $doc WHERE id = $id AND owner = $owner";
        BindJob(command, step.Job);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        var jobId = step.Job.Id;
        foreach (var taken in step.Taken)
        {
            await LogCommandAsync(command, "INSERT INTO hub_bulk_retry_log (job_id, log_id, version, queued) VALUES ($job, $log, $version, 0) ON CONFLICT DO NOTHING",
                jobId, taken.LogId, taken.Version, cancellationToken);
        }

        foreach (var queued in step.Queued)
        {
            await LogCommandAsync(command, "UPDATE hub_bulk_retry_log SET queued = 1 WHERE job_id = $job AND log_id = $log", jobId, queued, null, cancellationToken);
        }

        foreach (var settled in step.Settled)
        {
            await LogCommandAsync(command, "DELETE FROM hub_bulk_retry_log WHERE job_id = $job AND log_id = $log", jobId, settled, null, cancellationToken);
        }

        if (step.Job.Progress.Done)
        {
            command.Parameters.Clear();
            command.CommandText = "DELETE FROM hub_bulk_retry_log WHERE job_id = $job";
            command.Parameters.AddWithValue("$job", jobId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task PruneAsync(int keep, CancellationToken cancellationToken)
    {
        await using var lease = await database.OpenForWriteAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand();

        // A finished job has no logs left (RecordAsync removed them), so the job row is all there is.
        command.CommandText = """
            DELETE FROM hub_bulk_retry_job WHERE done = 1
              AND id NOT IN (SELECT id FROM hub_bulk_retry_job ORDER BY started_at DESC, id DESC LIMIT $keep)
            """;
        command.Parameters.AddWithValue("$keep", Math.Max(keep, 0));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void BindJob(SqliteCommand command, BulkRetryJob job)
    {
        command.Parameters.AddWithValue("$id", job.Id);
        command.Parameters.AddWithValue("$done", job.Progress.Done ? 1 : 0);
        command.Parameters.AddWithValue("$owner", job.Owner);
        command.Parameters.AddWithValue("$lease", SqliteTime.ToMs(job.LeaseUntil));
        command.Parameters.AddWithValue("$doc", BulkRetryJobDocument.Serialize(job));
    }

    private static async Task LogCommandAsync(SqliteCommand command, string sql, string jobId, string logId, long? version, CancellationToken cancellationToken)
    {
        command.Parameters.Clear();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$job", jobId);
        command.Parameters.AddWithValue("$log", logId);
        if (version is { } v)
        {
            command.Parameters.AddWithValue("$version", v);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<BulkRetryJob>> ReadJobsAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        return await ReadJobsAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<BulkRetryJob>> ReadJobsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<BulkRetryJob>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(BulkRetryJobDocument.Deserialize(reader.GetString(2), reader.GetString(0), SqliteTime.FromMs(reader.GetInt64(1))));
        }

        return list;
    }
}
