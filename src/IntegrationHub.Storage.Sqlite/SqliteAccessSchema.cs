namespace IntegrationHub.Storage.Sqlite;

/// <summary>
/// Users, API keys and the audit log. The audit table refuses updates and deletes by trigger, so
/// "append-only" holds for every writer of the file, not only for this product's code.
/// <c>hub_user.security_stamp</c> came after the first release (see <see cref="SqliteSchemaUpgrade"/>).
/// </summary>
internal static class SqliteAccessSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS hub_user (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL,
            labs TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            security_stamp TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE IF NOT EXISTS hub_api_key (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            prefix TEXT NOT NULL,
            key_hash TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL,
            labs TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER
        );

        CREATE TABLE IF NOT EXISTS hub_audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            lab_id INTEGER,
            target TEXT,
            detail TEXT
        );
        CREATE INDEX IF NOT EXISTS ix_hub_audit_lab ON hub_audit (lab_id, id);

        CREATE TRIGGER IF NOT EXISTS hub_audit_no_update BEFORE UPDATE ON hub_audit
        BEGIN
            SELECT RAISE(ABORT, 'hub_audit is append-only');
        END;

        CREATE TRIGGER IF NOT EXISTS hub_audit_no_delete BEFORE DELETE ON hub_audit
        BEGIN
            SELECT RAISE(ABORT, 'hub_audit is append-only');
        END;
        """;
}
