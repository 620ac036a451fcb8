using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>
/// Prepared statements kept on one connection, by their text, so the hot writes (finishes, leases)
/// are parsed once per connection rather than once per batch. Microsoft.Data.Sqlite keeps a
/// command's statement prepared for as long as the command lives; this keeps the commands.
/// Not thread-safe: the writer connection's cache is used under the write gate only.
/// </summary>
public sealed class SqliteStatementCache(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The connection the statements belong to.</summary>
    public SqliteConnection Connection { get; } = connection;

    /// <summary>
    /// The command for <paramref name="sql"/>, in <paramref name="transaction"/>, with the named
    /// parameters declared (their values are the caller's to set before each execution).
    /// </summary>
    public SqliteCommand Get(string sql, SqliteTransaction? transaction, params string[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            _commands[sql] = command;
        }

        command.Transaction = transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
