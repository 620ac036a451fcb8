using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>
/// The notes of changed logs in the PostgreSQL database: a trigger on the log, attempt and
/// acknowledgement tables adds a row to <c>hub_log_change</c> in the transaction of every change,
/// while the feed is enabled. Disabled, the triggers and the table are dropped at start. Processes
/// starting together take turns on a transaction-scoped advisory lock. A read claims its notes
/// (<c>FOR UPDATE SKIP LOCKED</c>, then a claim time on the row), so the relays of several processes
/// split the work; a claim that is neither completed nor given back lapses after
/// <see cref="ClaimFor"/>.
/// </summary>
public sealed class PostgreSqlLogChangeFeed(PostgreSqlHubDatabase database, PostgreSqlLogStore logs, IOptions<LogChangeFeedOptions> options) : ILogChangeFeed, IStorageInitializer
{
    // Any fixed number, the same in every hub process, other than the schema installer's.
    private const long FeedLock = 0x4855_425f_4645_4544;

    /// <summary>How long a relay holds the notes it read before another may take them (it crashed).</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromSeconds(30);

    private const string Enable = """
        CREATE TABLE IF NOT EXISTS hub_log_change (
            seq bigserial PRIMARY KEY,
            log_id text NOT NULL,
            noted_at timestamptz NOT NULL DEFAULT now(),
            claimed_until timestamptz
        );
        ALTER TABLE hub_log_change ADD COLUMN IF NOT EXISTS claimed_until timestamptz;
        CREATE OR REPLACE FUNCTION hub_note_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_TABLE_NAME = 'hub_log' THEN
                INSERT INTO hub_log_change (log_id) VALUES (NEW.id);
            ELSE
                INSERT INTO hub_log_change (log_id) VALUES (NEW.log_id);
            END IF;
            RETURN NULL;
        END $$;
        CREATE OR REPLACE TRIGGER hub_log_change_log AFTER INSERT OR UPDATE ON hub_log FOR EACH ROW EXECUTE FUNCTION hub_note_log_change();
        CREATE OR REPLACE TRIGGER hub_log_change_attempt AFTER INSERT ON hub_attempt FOR EACH ROW EXECUTE FUNCTION hub_note_log_change();
        CREATE OR REPLACE TRIGGER hub_log_change_acknowledgement AFTER INSERT ON hub_acknowledgement FOR EACH ROW EXECUTE FUNCTION hub_note_log_change();
        """;

    private const string Disable = """
        DROP TRIGGER IF EXISTS hub_log_change_log ON hub_log;
        DROP TRIGGER IF EXISTS hub_log_change_attempt ON hub_attempt;
        DROP TRIGGER IF EXISTS hub_log_change_acknowledgement ON hub_acknowledgement;
        DROP FUNCTION IF EXISTS hub_note_log_change();
        DROP TABLE IF EXISTS hub_log_change;
        """;

    // The feed's triggers that exist, and whether its table exists with the claim column.
    private const string LooksEnabled = """
        SELECT (SELECT count(*) FROM pg_trigger
                WHERE NOT tgisinternal AND tgname IN ('hub_log_change_log', 'hub_log_change_attempt', 'hub_log_change_acknowledgement')),
               EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_schema = current_schema() AND table_name = 'hub_log_change' AND column_name = 'claimed_until')
        """;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockFeed = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({FeedLock})", connection, transaction))
        {
            await lockFeed.ExecuteNonQueryAsync(cancellationToken);
        }

        // The DDL locks the log tables against every reader and writer of the cluster while it
        // waits for their open transactions: a process that starts on a database already as it
        // should be sends none.
        bool asItShouldBe;
        await using (var look = new NpgsqlCommand(LooksEnabled, connection, transaction))
        {
            var (triggers, table) = ((long)0, false);
            await using var reader = await look.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                (triggers, table) = (reader.GetInt64(0), reader.GetBoolean(1));
            }

            asItShouldBe = options.Value.Enabled ? triggers == 3 && table : triggers == 0 && !table;
        }

        if (!asItShouldBe)
        {
            await using var command = new NpgsqlCommand(options.Value.Enabled ? Enable : Disable, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<LogChangeBatch> ReadAsync(int max, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return LogChangeBatch.Empty;
        }

        var notes = new List<long>();
        var changed = new List<string>();
        DateTimeOffset? oldest = null;
        await using (var command = database.CreateCommand("""
            UPDATE hub_log_change c SET claimed_until = clock_timestamp() + $2
            FROM (SELECT seq FROM hub_log_change WHERE claimed_until IS NULL OR claimed_until < clock_timestamp()
                  ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED) taken
            WHERE c.seq = taken.seq
            RETURNING c.seq, c.log_id, c.noted_at
            """).WithInteger(max).With(ClaimFor, NpgsqlTypes.NpgsqlDbType.Interval))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                notes.Add(reader.GetInt64(0));
                changed.Add(reader.GetString(1));
                var noted = reader.GetFieldValue<DateTimeOffset>(2);
                oldest = oldest is null || noted < oldest ? noted : oldest;
            }
        }

        if (notes.Count == 0)
        {
            return LogChangeBatch.Empty;
        }

        var snapshots = await LogSnapshot.ReadAsync(logs, changed, cancellationToken);
        return new LogChangeBatch(snapshots, notes, oldest);
    }

    /// <inheritdoc />
    public async Task CompleteAsync(LogChangeBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Notes.Count == 0)
        {
            return;
        }

        await using var command = database.CreateCommand("DELETE FROM hub_log_change WHERE seq = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Notes.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(LogChangeBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Notes.Count == 0)
        {
            return;
        }

        await using var command = database.CreateCommand("UPDATE hub_log_change SET claimed_until = NULL WHERE seq = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = batch.Notes.ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> PendingAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return 0;
        }

        await using var command = database.CreateCommand("SELECT count(*) FROM hub_log_change");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
