namespace IntegrationHub.Storage.Sqlite;

/// <summary>
/// Serialises the writers of an embedded single-writer database (SQLite) inside this process, so
/// they queue on an async semaphore that wakes the next one at once instead of colliding on the
/// file lock and sleeping in the database's busy handler. A detail of this backend: the lab reaches it through <see cref="SqliteBusinessTransactions"/>.
/// </summary>
public sealed class SingleWriterGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Waits for the gate; dispose the result to release it.</summary>
    public async Task<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Releaser(_gate);
    }

    public void Dispose() => _gate.Dispose();

    public readonly struct Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
