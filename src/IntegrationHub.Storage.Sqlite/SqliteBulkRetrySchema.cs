namespace IntegrationHub.Storage.Sqlite;

/// <summary>
/// Bulk retry jobs (<see cref="SqliteBulkRetryJobStore"/>): one row per job, the job a JSON document
/// with its owner, lease and state in columns for the claim; one row per log a job has taken and
/// not yet settled. New tables, so CREATE TABLE IF NOT EXISTS adds them to older databases too.
/// </summary>
internal static class SqliteBulkRetrySchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS hub_bulk_retry_job (
            id TEXT PRIMARY KEY,
            started_at INTEGER NOT NULL,
            done INTEGER NOT NULL,
            owner TEXT NOT NULL,
            lease_until INTEGER NOT NULL,
            doc TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_hub_bulk_retry_job_started ON hub_bulk_retry_job (started_at, id);
        CREATE INDEX IF NOT EXISTS ix_hub_bulk_retry_job_open ON hub_bulk_retry_job (lease_until) WHERE done = 0;

        CREATE TABLE IF NOT EXISTS hub_bulk_retry_log (
            job_id TEXT NOT NULL,
            log_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            queued INTEGER NOT NULL,
            PRIMARY KEY (job_id, log_id)
        ) WITHOUT ROWID;
        """;
}
