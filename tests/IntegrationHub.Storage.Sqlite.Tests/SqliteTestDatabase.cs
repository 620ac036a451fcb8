using IntegrationHub.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Storage.Sqlite.Tests;

/// <summary>A hub database in a temp folder of its own, deleted on dispose.</summary>
public sealed class SqliteTestDatabase : IAsyncDisposable
{
    private readonly string _folder;

    private SqliteTestDatabase(string folder)
    {
        _folder = folder;
        File = Path.Combine(folder, "hub.db");
        Database = new SqliteHubDatabase(Options.Create(new SqliteHubOptions { ConnectionString = $"Data Source={File}" }));
    }

    public SqliteHubDatabase Database { get; }

    /// <summary>The database file (created on first open).</summary>
    public string File { get; }

    /// <summary>A new database file under the temp folder's hub-contract-tests/&lt;guid&gt;/.</summary>
    public static SqliteTestDatabase Create() =>
        new(Path.Combine(Path.GetTempPath(), "hub-contract-tests", Guid.NewGuid().ToString("N")));

    public ValueTask DisposeAsync()
    {
        // The writer connection and pooled ones keep the file (and its -wal/-shm) open; close them before deleting.
        Database.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
