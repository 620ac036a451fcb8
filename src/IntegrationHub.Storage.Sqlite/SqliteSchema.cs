namespace IntegrationHub.Storage.Sqlite;

/// <summary>
/// The hub's tables. Logs are JSON documents (<c>doc</c> written once, <c>state</c> the current-status
/// fields) with the searchable fields copied into indexed columns. <c>hub_log_hourly</c> counts logs
/// by creation hour, lab, integration, action and current status, kept exact by triggers in the
/// same statement as each change, so statistics over long windows read hours, not logs.
/// A column added to a table after its first release is also listed in <see cref="SqliteSchemaUpgrade"/>,
/// which adds it to databases made before it: CREATE TABLE IF NOT EXISTS leaves an existing table as
/// it is. Indexes over such columns go in <see cref="CreateAfterUpgrade"/>.
/// </summary>
internal static class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS hub_integration (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            lab_id INTEGER NOT NULL,
            action_id INTEGER NOT NULL,
            active INTEGER NOT NULL,
            doc TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_hub_integration_fanout ON hub_integration (lab_id, action_id, active);

        CREATE TABLE IF NOT EXISTS hub_log (
            id TEXT PRIMARY KEY,
            direction TEXT NOT NULL,
            lab_id INTEGER NOT NULL,
            action_id INTEGER NOT NULL,
            action_name TEXT NOT NULL,
            integration_id INTEGER,
            integration_name TEXT,
            vendor TEXT,
            patient_id INTEGER,
            bill_id INTEGER,
            sample_id INTEGER,
            report_id INTEGER,
            source TEXT,
            created_at INTEGER NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            http_status INTEGER,
            error_class TEXT,
            error_message TEXT,
            error_signature TEXT,
            partner_reference TEXT,
            duration_ms REAL,
            version INTEGER NOT NULL DEFAULT 0,
            doc TEXT NOT NULL,
            state TEXT NOT NULL,
            caller TEXT
        );
        CREATE INDEX IF NOT EXISTS ix_hub_log_created ON hub_log (created_at, id);
        CREATE INDEX IF NOT EXISTS ix_hub_log_lab ON hub_log (lab_id, created_at, id);
        CREATE INDEX IF NOT EXISTS ix_hub_log_integration ON hub_log (integration_id, status, created_at, id);
        CREATE INDEX IF NOT EXISTS ix_hub_log_status ON hub_log (status, created_at, id);
        CREATE INDEX IF NOT EXISTS ix_hub_log_action ON hub_log (action_id, created_at, id);
        CREATE INDEX IF NOT EXISTS ix_hub_log_patient ON hub_log (patient_id, created_at, id) WHERE patient_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_hub_log_bill ON hub_log (bill_id, created_at, id) WHERE bill_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_hub_log_sample ON hub_log (sample_id, created_at, id) WHERE sample_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_hub_log_report ON hub_log (report_id, created_at, id) WHERE report_id IS NOT NULL;

        CREATE TABLE IF NOT EXISTS hub_attempt (
            log_id TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            doc TEXT NOT NULL,
            PRIMARY KEY (log_id, attempt)
        ) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS hub_log_hourly (
            hour INTEGER NOT NULL,
            lab_id INTEGER NOT NULL,
            integration_id INTEGER NOT NULL,
            action_id INTEGER NOT NULL,
            status TEXT NOT NULL,
            integration_name TEXT,
            action_name TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (hour, lab_id, integration_id, action_id, status)
        ) WITHOUT ROWID;

        CREATE TRIGGER IF NOT EXISTS hub_log_hourly_insert AFTER INSERT ON hub_log
        BEGIN
            INSERT INTO hub_log_hourly (hour, lab_id, integration_id, action_id, status, integration_name, action_name, count)
            VALUES (NEW.created_at / 3600000, NEW.lab_id, IFNULL(NEW.integration_id, 0), NEW.action_id, NEW.status, NEW.integration_name, NEW.action_name, 1)
            ON CONFLICT DO UPDATE SET count = count + 1, integration_name = excluded.integration_name;
        END;

        CREATE TRIGGER IF NOT EXISTS hub_log_hourly_status AFTER UPDATE OF status ON hub_log WHEN OLD.status <> NEW.status
        BEGIN
            UPDATE hub_log_hourly SET count = count - 1
            WHERE hour = OLD.created_at / 3600000 AND lab_id = OLD.lab_id AND integration_id = IFNULL(OLD.integration_id, 0)
              AND action_id = OLD.action_id AND status = OLD.status;
            INSERT INTO hub_log_hourly (hour, lab_id, integration_id, action_id, status, integration_name, action_name, count)
            VALUES (NEW.created_at / 3600000, NEW.lab_id, IFNULL(NEW.integration_id, 0), NEW.action_id, NEW.status, NEW.integration_name, NEW.action_name, 1)
            ON CONFLICT DO UPDATE SET count = count + 1;
        END;

        CREATE TRIGGER IF NOT EXISTS hub_log_hourly_delete AFTER DELETE ON hub_log
        BEGIN
            UPDATE hub_log_hourly SET count = count - 1
            WHERE hour = OLD.created_at / 3600000 AND lab_id = OLD.lab_id AND integration_id = IFNULL(OLD.integration_id, 0)
              AND action_id = OLD.action_id AND status = OLD.status;
        END;

        CREATE TABLE IF NOT EXISTS hub_acknowledgement (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            integration_id INTEGER NOT NULL,
            webhook_id TEXT,
            log_id TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            doc TEXT NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS ux_hub_acknowledgement_webhook ON hub_acknowledgement (integration_id, webhook_id) WHERE webhook_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_hub_acknowledgement_log ON hub_acknowledgement (log_id, id);

        CREATE TABLE IF NOT EXISTS hub_queue (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            integration_id INTEGER NOT NULL,
            log_id TEXT NOT NULL,
            available_at INTEGER NOT NULL,
            lease_ms INTEGER NOT NULL,
            lease_token TEXT,
            times_leased INTEGER NOT NULL DEFAULT 0,
            task TEXT NOT NULL
        );
        -- Covers the lease's scan (due order, then the integration it is capped by) without a look-up of each row.
        CREATE INDEX IF NOT EXISTS ix_hub_queue_take ON hub_queue (available_at, id, integration_id);
        DROP INDEX IF EXISTS ix_hub_queue_due;
        """;

    /// <summary>
    /// What needs the columns <see cref="SqliteSchemaUpgrade"/> adds; run after it. Both indexes are
    /// partial, so they grow with failures, not with logs, and only error states write to them.
    /// <c>ix_hub_log_fail_signature</c> covers grouping the failures of a window by signature (read
    /// with INDEXED BY: without statistics the planner prefers the status index and its row look-ups,
    /// about 5 x slower over 7 days at 1 M logs); <c>ix_hub_log_signature</c> serves the list of one
    /// signature, newest first, which otherwise scans every log when the signature is rare.
    /// </summary>
    public const string CreateAfterUpgrade = """
        CREATE INDEX IF NOT EXISTS ix_hub_log_fail_signature
            ON hub_log (created_at, lab_id, error_signature, updated_at, id, error_class, http_status) WHERE status = 'Fail';
        CREATE INDEX IF NOT EXISTS ix_hub_log_signature
            ON hub_log (error_signature, created_at, id) WHERE error_signature IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_hub_log_partner_reference
            ON hub_log (integration_id, partner_reference, created_at) WHERE partner_reference IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_hub_log_reference ON hub_log (partner_reference) WHERE partner_reference IS NOT NULL;
        """;
}
