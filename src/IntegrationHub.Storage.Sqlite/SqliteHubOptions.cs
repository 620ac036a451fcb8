namespace IntegrationHub.Storage.Sqlite;

/// <summary>Settings of the embedded SQLite backend.</summary>
public sealed class SqliteHubOptions
{
    /// <summary>
    /// The database file, shared with the reference lab domain so that the outbox commits with the
    /// business change. Default: <c>Data Source=data/hub.db</c>.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=data/hub.db";

    /// <summary>
    /// SQLite <c>synchronous</c> level in WAL mode. NORMAL (default) loses nothing on a process
    /// crash; a power cut may lose the last commits. FULL also survives power cuts, at one fsync per
    /// commit.
    /// </summary>
    public string Synchronous { get; set; } = "NORMAL";

    /// <summary>
    /// How much of the database file SQLite maps into memory (<c>PRAGMA mmap_size</c>), in MiB:
    /// pages are then read from the OS page cache without a copy per read, which matters because
    /// each connection's own cache starts over after another connection commits. 0 (default) turns
    /// it off: with the long-lived writer connection it measured no faster, and the mapped pages
    /// count in the process's resident memory.
    /// </summary>
    public int MmapSizeMiB { get; set; }

    /// <summary>
    /// How often, at most, the write-ahead log is checkpointed in the background after writes, in
    /// ms; the writer connections then checkpoint themselves only past 10,000 pages (about 40 MB),
    /// as a backstop. 0 leaves checkpoints to SQLite's default (every 1,000 pages, inside the commit
    /// that crosses it, holding the write gate). Default: 250.
    /// </summary>
    public int CheckpointIntervalMs { get; set; } = 250;

    /// <summary>
    /// Called once for each physical connection the hub opens, after its settings are applied. For diagnostics
    /// (the benchmark counts commits and statements with it); null by default.
    /// </summary>
    public Action<Microsoft.Data.Sqlite.SqliteConnection>? ConnectionOpened { get; set; }
}
