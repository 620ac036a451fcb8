using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>
/// The hub's PostgreSQL database: one pooled <see cref="NpgsqlDataSource"/> for every store of this
/// process. Unlike SQLite there is no write gate: PostgreSQL serialises what must be serialised
/// itself, row by row.
/// </summary>
public sealed class PostgreSqlHubDatabase : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _source;

    /// <summary>Builds the data source; nothing is connected until the first open.</summary>
    public PostgreSqlHubDatabase(IOptions<PostgreSqlHubOptions> options)
    {
        var connectionString = options.Value.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new OptionsValidationException(nameof(PostgreSqlHubOptions), typeof(PostgreSqlHubOptions), ["IntegrationHub:Storage:ConnectionString must name the PostgreSQL database."]);
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // The message of the parser quotes the string, and with it any password: name the key only.
            throw new OptionsValidationException(nameof(PostgreSqlHubOptions), typeof(PostgreSqlHubOptions), ["IntegrationHub:Storage:ConnectionString is not a valid Npgsql connection string."]);
        }

        Describes = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder);
    }

    /// <summary>Host, port and database, for messages: never the user's password.</summary>
    public string Describes { get; }

    /// <summary>An open pooled connection; dispose it to give it back.</summary>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _source.OpenConnectionAsync(cancellationToken);

    /// <summary>A command on a new connection from the pool, for one statement (the connection closes with the command's reader or execution).</summary>
    public NpgsqlCommand CreateCommand(string sql) => _source.CreateCommand(sql);

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    public void Dispose() => _source.Dispose();
}
