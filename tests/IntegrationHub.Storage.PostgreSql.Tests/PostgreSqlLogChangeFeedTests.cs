using IntegrationHub.Contracts;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Storage.PostgreSql.Tests;

public sealed class PostgreSqlLogChangeFeedTests : LogChangeFeedContract
{
    private PostgreSqlTestDatabase? _db;

    private PostgreSqlLogStore? _logs;

    protected override async Task<ILogStore> CreateStorageAsync(FakeTimeProvider time)
    {
        _db = await PostgreSqlTestDatabase.CreateAsync();
        _logs = new PostgreSqlLogStore(_db.Database, time);
        return _logs;
    }

    protected override async Task<ILogChangeFeed> FeedAsync(bool enabled)
    {
        var feed = new PostgreSqlLogChangeFeed(_db!.Database, _logs!, Options.Create(new LogChangeFeedOptions { Enabled = enabled }));
        await feed.InitializeAsync(CancellationToken.None);
        return feed;
    }

    protected override async Task DeleteStorageAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    [Fact]
    public async Task Relays_reading_at_once_split_the_notes_between_them()
    {
        var feed = await FeedAsync(enabled: true);
        for (var i = 0; i < 10; i++)
        {
            await DeliveredAsync();
        }

        var batches = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => feed.ReadAsync(12, CancellationToken.None)));

        var claimed = batches.SelectMany(b => b.Notes).ToList();
        Assert.Equal(claimed.Count, claimed.Distinct().Count());
        Assert.Equal(30, claimed.Count);
        Assert.Empty((await feed.ReadAsync(100, CancellationToken.None)).Notes);
        Assert.Equal(30, await feed.PendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_feed_turned_off_leaves_no_table_and_no_trigger()
    {
        await FeedAsync(enabled: true);
        await FeedAsync(enabled: false);

        Assert.Equal(0L, await _db!.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'hub_log_change'"));
        Assert.Equal(0L, await _db.ScalarAsync<long>("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'hub_log_change%'"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_start_on_a_database_already_as_configured_does_not_wait_behind_open_transactions(bool enabled)
    {
        await FeedAsync(enabled);

        // Another process's writer, in the middle of its transaction on the log table.
        await using var writer = new Npgsql.NpgsqlConnection(_db!.ConnectionString);
        await writer.OpenAsync();
        await using var open = await writer.BeginTransactionAsync();
        await using (var lockLog = new Npgsql.NpgsqlCommand("LOCK TABLE hub_log IN ROW EXCLUSIVE MODE", writer, open))
        {
            await lockLog.ExecuteNonQueryAsync();
        }

        // DDL on the log tables would queue behind that transaction (and every reader behind it).
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var feed = new PostgreSqlLogChangeFeed(_db.Database, _logs!, Options.Create(new LogChangeFeedOptions { Enabled = enabled }));
        await feed.InitializeAsync(patience.Token);

        Assert.False(patience.IsCancellationRequested);
        await open.RollbackAsync();
    }
}
