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
    private readonly string _connectionString;
    private readonly string? _database;
    private readonly string? _host;
    private readonly int _port;

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

        Options = options.Value;
        Describes = $"{builder.Host}:{builder.Port}/{builder.Database}";
        (_connectionString, _database, _host, _port) = (builder.ConnectionString, builder.Database, builder.Host, builder.Port);
        _source = NpgsqlDataSource.Create(Pooled(connectionString));
    }

    // The pool's settings, where the connection string leaves them to us:
    // - a connection given back is not reset (Npgsql would send seven statements, DISCARD ALL's
    //   parts, before its next use): the hub leaves no session state behind (its settings and locks
    //   are transaction-scoped, its LISTEN is on a connection of its own), and a domain sharing the
    //   pool must do the same;
    // - statements used again and again are prepared on each connection (the lease statement's plan
    //   costs more than running it). Behind a pooler in transaction mode that cannot keep prepared
    //   statements (PgBouncer before 1.21), set Max Auto Prepare=0.
    private static NpgsqlConnectionStringBuilder Pooled(string given)
    {
        var builder = new NpgsqlConnectionStringBuilder(given);

        // Npgsql's builder knows every key, set or not: the keys given are read from the text itself.
        var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = given };
        bool Given(string key) => keys.ContainsKey(key) || keys.ContainsKey(key.Replace(" ", "", StringComparison.Ordinal));
        if (!Given("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        if (!Given("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder;
    }

    /// <summary>The process's pool of connections to the database, for a business domain's EF Core context to share.</summary>
    public NpgsqlDataSource DataSource => _source;

    /// <summary>The options the database was built with (how the processes share the limits, too).</summary>
    public PostgreSqlHubOptions Options { get; }

    /// <summary>Host, port and database, for messages: never the user's password.</summary>
    public string Describes { get; }

    /// <summary>An open pooled connection; dispose it to give it back.</summary>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _source.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// A connection of its own, outside the pool, for <c>LISTEN</c>: held open for as long as the
    /// caller listens, with keepalives so a dead server is noticed.
    /// </summary>
    public async Task<NpgsqlConnection> OpenListenerAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false, KeepAlive = 15 }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether <paramref name="connection"/> is on this database (same server address and database name).</summary>
    public bool IsOn(NpgsqlConnection connection) =>
        string.Equals(connection.Database, _database, StringComparison.Ordinal)
        && string.Equals(connection.Host, _host, StringComparison.OrdinalIgnoreCase)
        && connection.Port == _port;

    /// <summary>A command on a new connection from the pool, for one statement (the connection closes with the command's reader or execution).</summary>
    public NpgsqlCommand CreateCommand(string sql) => _source.CreateCommand(sql);

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    public void Dispose() => _source.Dispose();
}
