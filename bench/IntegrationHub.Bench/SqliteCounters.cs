using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace IntegrationHub.Bench;

/// <summary>Counts commits and statements on every SQLite connection it is attached to (SQLite's commit hook and trace).</summary>
internal sealed class SqliteCounters
{
    private long _commits;
    private long _statements;

    public long Commits => Interlocked.Read(ref _commits);

    public long Statements => Interlocked.Read(ref _statements);

    public void Attach(SqliteConnection connection)
    {
        var handle = connection.Handle!;
        raw.sqlite3_commit_hook(handle, _ =>
        {
            Interlocked.Increment(ref _commits);
            return 0;
        }, null);
        raw.sqlite3_trace(handle, (delegate_trace)((_, _) => Interlocked.Increment(ref _statements)), null);
    }

    public (long Commits, long Statements) Snapshot() => (Commits, Statements);
}
