using System.Diagnostics;

namespace IntegrationHub.Contracts;

/// <summary>
/// The PostgreSQL server the tests run against: <c>HUB_TEST_POSTGRES</c> (a connection string to a
/// database the tests may create databases from) when set, else the private cluster that
/// <c>scripts/start-postgres.sh</c> starts (installing PostgreSQL when missing). Never skipped: no
/// server is a failure that says how to get one.
/// </summary>
public static class PostgreSqlTestServer
{
    private static readonly Lazy<string> Maintenance = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A connection string to the maintenance database.</summary>
    public static string ConnectionString => Maintenance.Value;

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("HUB_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return given;
        }

        return RunScript("start-postgres.sh", new Dictionary<string, string>());
    }

    /// <summary>
    /// Runs one of the repository's <c>scripts/</c> (start-postgres.sh, stop-postgres.sh, start-jongodb.sh) with the
    /// given environment (HUB_PG_PORT, HUB_PG_DIR for a cluster of a test's own); its last line of output.
    /// </summary>
    public static string RunScript(string name, IReadOnlyDictionary<string, string> environment)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "IntegrationHub.slnx")))
        {
            folder = folder.Parent;
        }

        var script = Path.Combine(folder?.FullName ?? ".", "scripts", name);
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Set HUB_TEST_POSTGRES to a PostgreSQL connection string, or run the tests from the repository (no {script}).");
        }

        var info = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var start = Process.Start(info)!;
        var output = start.StandardOutput.ReadToEndAsync();
        var errors = start.StandardError.ReadToEndAsync();
        if (!start.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            start.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} did not finish within 5 minutes.");
        }

        if (start.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed (exit {start.ExitCode}): {errors.Result}");
        }

        return output.Result.Trim().Split('\n')[^1].Trim();
    }
}
