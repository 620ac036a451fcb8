using System.Diagnostics;
using Npgsql;

namespace IntegrationHub.Bench;

/// <summary>
/// The benchmark's own PostgreSQL 15: scripts/start-postgres.sh with HUB_PG_DURABLE=1 (fsync,
/// synchronous_commit and full_page_writes on, PostgreSQL's defaults), on its own port and folder,
/// so no test's fsync-off cluster is measured. One fresh database per scenario.
/// </summary>
internal sealed class PostgresCluster
{
    private readonly string _maintenance;

    private PostgresCluster(string maintenance) => _maintenance = maintenance;

    public static PostgresCluster Start(string repositoryRoot)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(repositoryRoot, "scripts", "start-postgres.sh")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["HUB_PG_DURABLE"] = "1";
        start.Environment["HUB_PG_PORT"] = Environment.GetEnvironmentVariable("HUB_BENCH_PG_PORT") ?? "55450";
        start.Environment["HUB_PG_DIR"] = Environment.GetEnvironmentVariable("HUB_BENCH_PG_DIR") ?? "/tmp/hub-bench-postgres";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"start-postgres.sh failed: {errors}");
        }

        return new PostgresCluster(output.Trim().Split('\n')[^1].Trim());
    }

    /// <summary>"PostgreSQL 15.x, fsync on, synchronous_commit on", as the server reports it.</summary>
    public string Describe()
    {
        using var connection = new NpgsqlConnection(_maintenance);
        connection.Open();
        string Show(string setting)
        {
            using var command = new NpgsqlCommand($"SHOW {setting}", connection);
            return (string)command.ExecuteScalar()!;
        }

        return $"PostgreSQL {Show("server_version")}, fsync {Show("fsync")}, synchronous_commit {Show("synchronous_commit")}, full_page_writes {Show("full_page_writes")}, shared_buffers {Show("shared_buffers")}";
    }

    /// <summary>A new, empty database; its connection string.</summary>
    public string NewDatabase()
    {
        var name = $"bench_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(_maintenance))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(_maintenance) { Database = name, MaxPoolSize = 200 }.ConnectionString;
    }

    /// <summary>Drops a database <see cref="NewDatabase"/> made, closing what still holds it.</summary>
    public void Drop(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(_maintenance);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
