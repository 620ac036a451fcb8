using IntegrationHub.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>
/// Opens connections to the hub's SQLite file with the product's settings (WAL, the configured
/// synchronous level, a busy timeout), creating the schema on first use.
/// </summary>
public sealed class SqliteHubDatabase : IStorageInitializer, IDisposable
{
    private readonly string _connectionString;
    private readonly string? _file;
    private readonly string _synchronous;
    private readonly long _mmapBytes;
    private readonly int _autoCheckpointPages;
    private const int BackstopCheckpointPages = 10_000;

    // The one connection every writer of this process uses, in turn, under the write gate: its
    // page cache stays valid between writes (another connection's commit would empty it).
    private SqliteStatementCache? _writer;
    private readonly object _schemaGate = new();
    private Task? _schema;
    private readonly Action<SqliteConnection>? _opened;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> _prepared = new();
    private static readonly object Prepared = new();

    public SqliteHubDatabase(IOptions<SqliteHubOptions> options)
    {
        var builder = new SqliteConnectionStringBuilder(options.Value.ConnectionString) { Pooling = true };
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder)
        {
            OwnerOnlyFiles.CreateFolder(folder);
        }

        var inMemory = builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:";
        _file = !inMemory && builder.Mode == SqliteOpenMode.ReadWriteCreate ? Path.GetFullPath(builder.DataSource) : null;

        _connectionString = builder.ConnectionString;
        _synchronous = options.Value.Synchronous.ToUpperInvariant() switch
        {
            "OFF" or "NORMAL" or "FULL" or "EXTRA" => options.Value.Synchronous.ToUpperInvariant(),
            var other => throw new OptionsValidationException(nameof(SqliteHubOptions), typeof(SqliteHubOptions), [$"Synchronous must be OFF, NORMAL, FULL or EXTRA, not '{other}'."]),
        };
        if (options.Value.MmapSizeMiB < 0)
        {
            throw new OptionsValidationException(nameof(SqliteHubOptions), typeof(SqliteHubOptions), ["MmapSizeMiB must be 0 (off) or more."]);
        }

        _mmapBytes = options.Value.MmapSizeMiB * 1024L * 1024L;
        if (options.Value.CheckpointIntervalMs < 0)
        {
            throw new OptionsValidationException(nameof(SqliteHubOptions), typeof(SqliteHubOptions), ["CheckpointIntervalMs must be 0 (SQLite's own) or more."]);
        }

        _autoCheckpointPages = options.Value.CheckpointIntervalMs > 0 ? BackstopCheckpointPages : 1000;
        _opened = options.Value.ConnectionOpened;
    }

    public string ConnectionString => _connectionString;

    /// <summary>The database file's full path; null for an in-memory or read-only database.</summary>
    public string? File => _file;

    /// <summary>Released after a write: the background checkpointer waits on it (at most one release pending).</summary>
    internal SemaphoreSlim WrittenSinceCheckpoint { get; } = new(0, 1);

    /// <summary>Every writer of this file in this process takes this gate first (the lab's unit of work too).</summary>
    public SingleWriterGate WriteGate { get; } = new();

    /// <summary>
    /// The process's writer connection, with the write gate held until the lease is disposed. The
    /// connection outlives the lease: dispose the transactions and commands you make on it.
    /// </summary>
    public async Task<WriteLease> OpenForWriteAsync(CancellationToken cancellationToken)
    {
        var gate = await WriteGate.EnterAsync(cancellationToken);
        try
        {
            await EnsureSchemaAsync();
            if (_writer is not { Connection.State: System.Data.ConnectionState.Open })
            {
                CloseWriter();
                _writer = new SqliteStatementCache(await OpenRawAsync(cancellationToken));
            }

            return new WriteLease(_writer, gate, ForgetWriter, NoteWrite);
        }
        catch
        {
            gate.Dispose();
            throw;
        }
    }

    // A lease that ended with a transaction still open (a bug, or a failure half-way) takes the
    // connection with it, so the next writer never inherits that transaction. Called under the gate.
    private void ForgetWriter(SqliteConnection connection)
    {
        if (ReferenceEquals(connection, _writer?.Connection))
        {
            CloseWriter();
        }
        else
        {
            connection.Dispose();
        }
    }

    private void CloseWriter()
    {
        _writer?.Dispose();
        _writer?.Connection.Dispose();
        _writer = null;
    }

    private void NoteWrite()
    {
        if (WrittenSinceCheckpoint.CurrentCount == 0)
        {
            try
            {
                WrittenSinceCheckpoint.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another write asked first: one checkpoint serves both.
            }
        }
    }

    /// <summary>Closes the writer connection.</summary>
    public void Dispose() => CloseWriter();

    /// <summary>An open connection, schema ensured.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync();
        return await OpenRawAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => EnsureSchemaAsync();

    /// <summary>Creates the schema if this process has not yet done so; a failed attempt is tried again on the next call.</summary>
    public Task EnsureSchemaAsync()
    {
        lock (_schemaGate)
        {
            if (_schema is null || _schema.IsFaulted || _schema.IsCanceled)
            {
                _schema = CreateSchemaAsync();
            }

            return _schema;
        }
    }

    /// <summary>
    /// SQLite creates <c>-wal</c> and <c>-shm</c> with the mode of the database file, whatever the
    /// umask: a new database file starts empty and owner-only (an empty file is an empty database),
    /// so all three are. An existing file keeps its mode; the server narrows it at start.
    /// </summary>
    private void CreateOwnerOnlyFile()
    {
        if (_file is null || OperatingSystem.IsWindows() || System.IO.File.Exists(_file) || Directory.Exists(_file))
        {
            return;
        }

        try
        {
            using var created = new FileStream(_file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write }.OwnerOnly());
        }
        catch (IOException)
        {
            // Another process created it first, or the folder refuses: opening reports what is wrong.
        }
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);

        // Settings belong to the physical connection, which the pool hands out again and again:
        // apply them once per physical connection, not on every open.
        if (!_prepared.TryGetValue(connection.Handle!, out _))
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = 10000; PRAGMA synchronous = {_synchronous}; PRAGMA mmap_size = {_mmapBytes}; PRAGMA wal_autocheckpoint = {_autoCheckpointPages};";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            _prepared.AddOrUpdate(connection.Handle!, Prepared);
            _opened?.Invoke(connection);
        }

        return connection;
    }

    private async Task CreateSchemaAsync()
    {
        CreateOwnerOnlyFile();
        await using var connection = await OpenRawAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;" + SqliteSchema.Create + SqliteAccessSchema.Create + SqliteBulkRetrySchema.Create;
        await command.ExecuteNonQueryAsync();
        await SqliteSchemaUpgrade.RunAsync(connection);
        command.CommandText = SqliteSchema.CreateAfterUpgrade;
        await command.ExecuteNonQueryAsync();
        await SqliteLegacyLogRecords.MoveIntoLogStoreAsync(connection, DateTimeOffset.UtcNow);
    }
}
