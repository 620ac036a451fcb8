using IntegrationHub.Contracts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql.Tests;

/// <summary>A database of its own on the test server, with the hub's schema installed; dropped on dispose.</summary>
public sealed class PostgreSqlTestDatabase : IAsyncDisposable
{
    private PostgreSqlTestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        Database = new PostgreSqlHubDatabase(Options.Create(new PostgreSqlHubOptions { ConnectionString = connectionString }));
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public PostgreSqlHubDatabase Database { get; }

    /// <summary>A new empty database; with <paramref name="install"/>, the hub's schema in it.</summary>
    public static async Task<PostgreSqlTestDatabase> CreateAsync(bool install = true)
    {
        var name = $"hub_test_{Guid.NewGuid():N}";
        await using (var maintenance = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString))
        {
            await maintenance.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", maintenance);
            await create.ExecuteNonQueryAsync();
        }

        var database = new PostgreSqlTestDatabase(name, new NpgsqlConnectionStringBuilder(PostgreSqlTestServer.ConnectionString) { Database = name, Pooling = true }.ConnectionString);
        if (install)
        {
            await new PostgreSqlSchemaInstaller(database.Database).InitializeAsync(CancellationToken.None);
        }

        return database;
    }

    /// <summary>Runs SQL on a connection of its own, around the hub's stores (as a tampering administrator would).</summary>
    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Reads one value on a connection of its own.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var maintenance = new NpgsqlConnection(PostgreSqlTestServer.ConnectionString);
        await maintenance.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", maintenance);
        await drop.ExecuteNonQueryAsync();
    }
}
