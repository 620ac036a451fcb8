using IntegrationHub.Storage;

namespace IntegrationHub.Tests.Infrastructure.Backends;

/// <summary>
/// The storage engine the end-to-end tests run against, chosen by the environment variable
/// <c>HUB_TEST_BACKEND</c> (default <c>Sqlite</c>). A backend adds one subclass here, listed in
/// <see cref="Known"/>: how a test server is pointed at it, and its <see cref="IBackendFaults"/>.
/// </summary>
public abstract class TestBackend
{
    /// <summary>The environment variable that names the backend.</summary>
    public const string Variable = "HUB_TEST_BACKEND";

    private static readonly Lazy<TestBackend> Chosen = new(() => Choose(Environment.GetEnvironmentVariable(Variable)));

    /// <summary>The backends a test run may choose, by name (compared case-insensitively).</summary>
    private static readonly Dictionary<string, Func<TestBackend>> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Sqlite"] = () => new SqliteTestBackend(),
        ["PostgreSql"] = () => new PostgreSqlTestBackend(),
    };

    /// <summary>The backend of this run; an unknown name fails every test that starts a server, with the fix in the message.</summary>
    public static TestBackend Current => Chosen.Value;

    /// <summary>The name <c>HUB_TEST_BACKEND</c> gives it, also the server's <c>IntegrationHub:Storage:Provider</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Gets the backend ready for a server over <paramref name="dataFolder"/> (a database of its own,
    /// say) and returns the command-line arguments that point the server at it. Called again for a
    /// restart on the same folder, which must find what the first server stored.
    /// </summary>
    public abstract Task<IReadOnlyList<string>> PrepareServerAsync(string dataFolder);

    /// <summary>The fault-injection hook on the storage of the servers over <paramref name="dataFolder"/>.</summary>
    public abstract IBackendFaults FaultsFor(string dataFolder);

    /// <summary>
    /// The backend's own integration store, beneath the engine's encryption of secrets: what it holds
    /// is ciphertext, and what is written through it is stored as given (as an older version, which
    /// kept secrets in clear, wrote it).
    /// </summary>
    public abstract IIntegrationConfigStore StoredIntegrations(IServiceProvider services);

    /// <summary>
    /// Lets go of the storage of a server over <paramref name="dataFolder"/> that stopped and, when
    /// <paramref name="delete"/>, deletes what the backend keeps for it outside the folder.
    /// </summary>
    public abstract void Release(string dataFolder, bool delete);

    /// <summary>Files the backend keeps in a server's data folder while it runs (the permission tests check them too).</summary>
    public virtual IReadOnlyList<string> FilesInDataFolder => [];

    /// <summary>The arguments that choose a server's storage provider, for every backend but the default.</summary>
    protected static IReadOnlyList<string> StorageArguments(string provider, string connectionString) =>
        [$"--IntegrationHub:Storage:Provider={provider}", $"--IntegrationHub:Storage:ConnectionString={connectionString}"];

    internal static TestBackend Choose(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return new SqliteTestBackend();
        }

        return Known.TryGetValue(name.Trim(), out var create)
            ? create()
            : throw new InvalidOperationException(
                $"{Variable}='{name}' names no test backend. Known: {string.Join(", ", Known.Keys)}. Unset it for the default (Sqlite), "
                + $"or add a TestBackend subclass for '{name}' to {nameof(TestBackend)}.{nameof(Known)}.");
    }
}
