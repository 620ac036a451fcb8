using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>
/// Bulk retry jobs, shared by every hub process on the database: a job started on one web process
/// shows its progress on every other, and is claimed by exactly one process at a time (a lapsed
/// lease is taken over by the next claim, <c>FOR UPDATE SKIP LOCKED</c>, so claims never wait on each other).
/// </summary>
public sealed class PostgreSqlBulkRetryJobStore(PostgreSqlHubDatabase database) : IBulkRetryJobStore
{
    private const string JobColumns = "owner, lease_until, doc::text";

    /// <inheritdoc />
    public async Task CreateAsync(BulkRetryJob job, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO hub_bulk_retry_job (id, done, owner, lease_until, doc, started_at) VALUES ($1, $2, $3, $4, $5, $6)
            """);
        BindJob(command, job);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = job.Progress.StartedAt.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<BulkRetryJob?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {JobColumns} FROM hub_bulk_retry_job WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        return await ReadJobsAsync(command, cancellationToken) is [var job] ? job : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BulkRetryJob>> ListRecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {JobColumns} FROM hub_bulk_retry_job ORDER BY started_at DESC, id DESC LIMIT $1");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(limit, 1) });
        return await ReadJobsAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BulkRetryJob>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        // Rows another claim holds right now are skipped, not waited for: that claim takes them.
        await using var command = database.CreateCommand($"""
            UPDATE hub_bulk_retry_job SET owner = $1, lease_until = $2
            WHERE id IN (SELECT id FROM hub_bulk_retry_job WHERE NOT done AND lease_until <= $3 FOR UPDATE SKIP LOCKED)
            RETURNING {JobColumns}
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = leaseUntil.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        return await ReadJobsAsync(command, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BulkRetryJobLog>> ListLogsAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT log_id, version, queued FROM hub_bulk_retry_log WHERE job_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jobId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<BulkRetryJobLog>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new BulkRetryJobLog(reader.GetString(0), reader.GetInt64(1), reader.GetBoolean(2)));
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<bool> RecordAsync(BulkRetryStep step, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var job = new NpgsqlCommand("UPDATE hub_bulk_retry_job SET done = $2, lease_until = $4, doc = $5 WHERE id = $1 AND owner = $3", connection, transaction))
        {
            BindJob(job, step.Job);
            if (await job.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return false;
            }
        }

        // One statement per kind of change, each over arrays: a step that took 500 logs is three round trips, not 500.
        var jobId = step.Job.Id;
        await ExecuteAsync(connection, transaction, """
            INSERT INTO hub_bulk_retry_log (job_id, log_id, version, queued)
            SELECT $1, log_id, version, false FROM unnest($2::text[], $3::bigint[]) AS taken (log_id, version)
            ON CONFLICT DO NOTHING
            """, cancellationToken, jobId, step.Taken.Select(t => t.LogId).ToArray(), step.Taken.Select(t => t.Version).ToArray());
        await ExecuteAsync(connection, transaction, "UPDATE hub_bulk_retry_log SET queued = true WHERE job_id = $1 AND log_id = ANY($2)", cancellationToken, jobId, step.Queued.ToArray());
        await ExecuteAsync(connection, transaction, "DELETE FROM hub_bulk_retry_log WHERE job_id = $1 AND log_id = ANY($2)", cancellationToken, jobId, step.Settled.ToArray());
        if (step.Job.Progress.Done)
        {
            await ExecuteAsync(connection, transaction, "DELETE FROM hub_bulk_retry_log WHERE job_id = $1", cancellationToken, jobId);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task PruneAsync(int keep, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            DELETE FROM hub_bulk_retry_job WHERE done
              AND id NOT IN (SELECT id FROM hub_bulk_retry_job ORDER BY started_at DESC, id DESC LIMIT $1)
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(keep, 0) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // $1 id, $2 done, $3 owner, $4 lease, $5 doc.
    private static void BindJob(NpgsqlCommand command, BulkRetryJob job)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.Id });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = job.Progress.Done });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.Owner });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = job.LeaseUntil.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = BulkRetryJobDocument.Serialize(job), NpgsqlDbType = NpgsqlDbType.Jsonb });
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<BulkRetryJob>> ReadJobsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<BulkRetryJob>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(BulkRetryJobDocument.Deserialize(reader.GetString(2), reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return list;
    }
}
