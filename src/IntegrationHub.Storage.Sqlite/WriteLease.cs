using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>The process's writer connection, lent with the write gate held until disposal.</summary>
public sealed class WriteLease(SqliteStatementCache statements, SingleWriterGate.Releaser gate, Action<SqliteConnection> forget, Action wrote) : IAsyncDisposable
{
    public SqliteConnection Connection { get; } = statements.Connection;

    /// <summary>Statements kept prepared on the writer connection.</summary>
    public SqliteStatementCache Statements { get; } = statements;

    public ValueTask DisposeAsync()
    {
        try
        {
            // Still inside a transaction (autocommit off): that connection is not lent again.
            if (Connection.Handle is null || SQLitePCL.raw.sqlite3_get_autocommit(Connection.Handle) == 0)
            {
                forget(Connection);
            }
        }
        finally
        {
            gate.Dispose();
            wrote();
        }

        return ValueTask.CompletedTask;
    }
}
