using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql.Tests;

/// <summary>The hub's pool: statements used often are prepared, connections are not reset on return, unless the connection string says otherwise.</summary>
public sealed class PostgreSqlPoolTests
{
    private static PostgreSqlHubDatabase Database(string connectionString) =>
        new(Options.Create(new PostgreSqlHubOptions { ConnectionString = connectionString }));

    [Fact]
    public async Task Statements_used_again_are_prepared_on_the_connection_and_survive_its_return_to_the_pool()
    {
        await using var db = await PostgreSqlTestDatabase.CreateAsync(install: false);
        await using var hub = Database(db.ConnectionString);
        var builder = new NpgsqlConnectionStringBuilder(hub.DataSource.ConnectionString);
        Assert.True(builder.NoResetOnClose);
        Assert.Equal(64, builder.MaxAutoPrepare);

        for (var i = 0; i < 6; i++)
        {
            await using var connection = await hub.OpenAsync(CancellationToken.None);
            await using var command = new NpgsqlCommand("SELECT $1::int + 1", connection);
            command.Parameters.AddWithValue(i);
            Assert.Equal(i + 1, await command.ExecuteScalarAsync());
        }

        await using (var connection = await hub.OpenAsync(CancellationToken.None))
        {
            await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'SELECT $1::int + 1%'", connection);
            Assert.Equal(1L, await prepared.ExecuteScalarAsync());
        }
    }

    [Theory]
    [InlineData("No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("NoResetOnClose=false;MaxAutoPrepare=0")]
    public async Task The_connection_string_keeps_the_last_word(string settings)
    {
        await using var db = await PostgreSqlTestDatabase.CreateAsync(install: false);
        await using var hub = Database(db.ConnectionString + ";" + settings);

        var builder = new NpgsqlConnectionStringBuilder(hub.DataSource.ConnectionString);
        Assert.False(builder.NoResetOnClose);
        Assert.Equal(0, builder.MaxAutoPrepare);
    }
}
