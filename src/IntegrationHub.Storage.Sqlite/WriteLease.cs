using IntegrationHub.Hosting;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>A connection opened for writing, with the process's write gate held until disposal.</summary>
public sealed class WriteLease(SqliteConnection connection, SingleWriterGate.Releaser gate) : IAsyncDisposable
{
    public SqliteConnection Connection { get; } = connection;

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        gate.Dispose();
    }
}
