using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Bench.Baselines;

/// <summary>B_commit: single-row SQLite commits, one after another, with the product's durability settings (WAL, synchronous NORMAL).</summary>
internal static class CommitBaseline
{
    public static double CommitsPerSecond(int commits, string synchronous)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hub-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "commit.db")};Pooling=false");
            connection.Open();
            using (var setup = connection.CreateCommand())
            {
                setup.CommandText = $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; CREATE TABLE t (id INTEGER PRIMARY KEY, doc TEXT NOT NULL);";
                setup.ExecuteNonQuery();
            }

            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t (doc) VALUES ($doc)";
            var doc = insert.Parameters.AddWithValue("$doc", new string('x', 512));
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < commits; i++)
            {
                insert.ExecuteNonQuery();
            }

            return commits / Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    public static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return (string)command.ExecuteScalar()!;
    }
}
