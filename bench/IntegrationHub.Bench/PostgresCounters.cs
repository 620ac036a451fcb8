using Npgsql;

namespace IntegrationHub.Bench;

/// <summary>
/// What the hub asked of PostgreSQL between two snapshots, from pg_stat_statements (loaded by the
/// benchmark's cluster): the statements it sent (top level, each statement of a batch counted, its
/// transactions' BEGIN and COMMIT not) and its commits (COMMIT statements; the hub's autocommit
/// statements in a drain are reads). The harness's own polling is left out.
/// </summary>
internal sealed record PostgresCounters(long Statements, long Commits)
{
    public static PostgresCounters Read(string database)
    {
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using (var create = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection))
        {
            create.ExecuteNonQuery();
        }

        using var command = new NpgsqlCommand("""
            SELECT coalesce(sum(calls) FILTER (WHERE NOT harness AND query !~* '^(BEGIN|COMMIT)'), 0)::bigint,
                   coalesce(sum(calls) FILTER (WHERE query ~* '^COMMIT'), 0)::bigint
            FROM (SELECT calls, query, query LIKE '%COUNT(%1) FROM hub_queue%' OR query LIKE 'SELECT COUNT(*) FROM hub_log WHERE direction%' AS harness
                  FROM pg_stat_statements WHERE toplevel AND dbid = (SELECT oid FROM pg_database WHERE datname = $1)) s
            """, connection);
        command.Parameters.AddWithValue(name!);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new PostgresCounters(reader.GetInt64(0), reader.GetInt64(1));
    }

    public static PostgresCounters operator -(PostgresCounters after, PostgresCounters before) =>
        new(after.Statements - before.Statements, after.Commits - before.Commits);
}
