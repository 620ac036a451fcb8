using IntegrationHub.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Xunit;

namespace IntegrationHub.Storage.Sqlite.Tests;

public sealed class SqliteHubDatabaseTests
{
    [Fact]
    public async Task A_schema_creation_that_failed_is_tried_again_on_the_next_use()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hub-contract-tests", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(folder, "hub.db");
        Directory.CreateDirectory(file); // a folder where the database file should be: opening fails
        try
        {
            var database = new SqliteHubDatabase(Options.Create(new SqliteHubOptions { ConnectionString = $"Data Source={file}" }));
            await Assert.ThrowsAsync<SqliteException>(database.EnsureSchemaAsync);

            Directory.Delete(file);
            await database.EnsureSchemaAsync();
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM hub_queue";
            Assert.Equal(0L, await command.ExecuteScalarAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_synchronous_level_is_refused_at_start()
    {
        var failure = Assert.Throws<OptionsValidationException>(() =>
            new SqliteHubDatabase(Options.Create(new SqliteHubOptions { ConnectionString = "Data Source=x.db", Synchronous = "SOMETIMES" })));
        Assert.Contains("SOMETIMES", failure.Message);
    }
}
