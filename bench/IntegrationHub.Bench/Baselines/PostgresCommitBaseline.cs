using System.Diagnostics;
using Npgsql;

namespace IntegrationHub.Bench.Baselines;

/// <summary>B_pg_commit: durable single-row commits (autocommit INSERT of a 512-byte document) on N connections at once, for a fixed time.</summary>
internal static class PostgresCommitBaseline
{
    public static async Task<double> CommitsPerSecondAsync(string connectionString, int connections, TimeSpan duration)
    {
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS commit_baseline (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, doc text NOT NULL)", setup);
            await create.ExecuteNonQueryAsync();
        }

        var doc = new string('x', 512);
        long commits = 0;
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO commit_baseline (doc) VALUES ($1)", connection);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = doc });
            await insert.PrepareAsync();
            while (Stopwatch.GetTimestamp() < until)
            {
                await insert.ExecuteNonQueryAsync();
                Interlocked.Increment(ref commits);
            }
        }));
        return commits / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
