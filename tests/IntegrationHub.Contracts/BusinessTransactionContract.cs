using System.Data.Common;
using IntegrationHub.Logging;
using IntegrationHub.Queue;
using IntegrationHub.Storage;
using Xunit;

namespace IntegrationHub.Contracts;

/// <summary>
/// The transactional write: what a backend whose outbox joins the business transaction
/// (<see cref="StorageCapabilities.JoinsBusinessTransaction"/>) must do with the domain's own
/// relational transaction. The fixture opens the domain's connections; the contract creates its own
/// business table, writes a row and a delivery in one transaction, and commits or rolls it back.
/// </summary>
public abstract class BusinessTransactionContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    protected OutboxStores Stores { get; private set; } = null!;

    protected IBusinessTransactionSource<DbTransaction> Source { get; private set; } = null!;

    /// <summary>The stores and the backend's transaction source, on one new, empty database.</summary>
    protected abstract Task<(OutboxStores Stores, IBusinessTransactionSource<DbTransaction> Source)> CreateAsync();

    /// <summary>An open connection of the domain's to the hub's database (as the domain's own data access opens one).</summary>
    protected abstract Task<DbConnection> OpenBusinessConnectionAsync();

    /// <summary>An open connection to another database of the same engine: its transactions cannot carry the outbox.</summary>
    protected abstract Task<DbConnection> OpenForeignConnectionAsync();

    /// <summary>Removes what the fixture created.</summary>
    protected abstract Task DeleteAsync();

    public async Task InitializeAsync()
    {
        (Stores, Source) = await CreateAsync();
        await using var connection = await OpenBusinessConnectionAsync();
        await using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE contract_business (id INTEGER PRIMARY KEY, name TEXT NOT NULL)";
        await create.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => DeleteAsync();

    [Fact]
    public async Task A_committed_business_change_carries_its_log_and_task()
    {
        var log = NewLog();

        await ChangeAsync(log, commit: true);

        Assert.Equal(1L, await BusinessRowsAsync());
        Assert.Equal(LogStatus.Queued, (await Stores.Reads.GetAsync(log.Id, CancellationToken.None))?.State.Status);
        var lease = Assert.Single(await Stores.Transport.ReceiveAsync(new ReceiveRequest(4, new Dictionary<long, int>(), 4, TimeSpan.Zero), CancellationToken.None));
        Assert.Equal(log.Id, lease.Task.LogId);
    }

    [Fact]
    public async Task A_rolled_back_business_change_queues_nothing_and_logs_nothing()
    {
        var log = NewLog();

        await ChangeAsync(log, commit: false);

        Assert.Equal(0L, await BusinessRowsAsync());
        Assert.Null(await Stores.Reads.GetAsync(log.Id, CancellationToken.None));
        Assert.Equal(0, await Stores.Transport.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Nothing_is_seen_before_the_business_transaction_commits()
    {
        var log = NewLog();
        await using (await Source.EnterWriteAsync(CancellationToken.None))
        {
            await using var connection = await OpenBusinessConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await Stores.Outbox.WriteAsync(Source.Join(transaction), [new OutboxDelivery(log, TaskOf(log))], CancellationToken.None);

            Assert.Null(await Stores.Reads.GetAsync(log.Id, CancellationToken.None));
            await transaction.CommitAsync();
        }

        Assert.NotNull(await Stores.Reads.GetAsync(log.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_transaction_on_another_database_is_refused_when_joined()
    {
        await using var connection = await OpenForeignConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        Assert.Throws<InvalidOperationException>(() => Source.Join(transaction));
    }

    private async Task ChangeAsync(IntegrationLog log, bool commit)
    {
        await using (await Source.EnterWriteAsync(CancellationToken.None))
        {
            await using var connection = await OpenBusinessConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO contract_business (id, name) VALUES (1, 'patient')";
                await insert.ExecuteNonQueryAsync();
            }

            var handle = Source.Join(transaction);
            await Stores.Outbox.WriteAsync(handle, [new OutboxDelivery(log, TaskOf(log))], CancellationToken.None);
            if (commit)
            {
                await transaction.CommitAsync();
                Source.Committed(handle);
            }
            else
            {
                await transaction.RollbackAsync();
            }
        }
    }

    private async Task<long> BusinessRowsAsync()
    {
        await using var connection = await OpenBusinessConnectionAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM contract_business";
        return Convert.ToInt64(await count.ExecuteScalarAsync());
    }

    private static IntegrationLog NewLog() => ContractLogs.Queued(T0);

    private static DispatchTask TaskOf(IntegrationLog log) => new() { LogId = log.Id, IntegrationId = 10, Attempt = 1 };
}
