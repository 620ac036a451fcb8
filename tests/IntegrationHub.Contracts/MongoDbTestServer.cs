namespace IntegrationHub.Contracts;

/// <summary>
/// The MongoDB-wire engine the tests run against: <c>HUB_TEST_MONGO</c> (a connection string) when
/// set, else the jongodb test engine that <c>scripts/start-jongodb.sh</c> starts (installing it from
/// npm when missing). Each fixture takes a database of its own. Never skipped: no engine is a
/// failure that says how to get one.
/// </summary>
public static class MongoDbTestServer
{
    private static readonly Lazy<string> Engine = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A connection string to the engine.</summary>
    public static string ConnectionString => Engine.Value;

    private static string Locate() =>
        Environment.GetEnvironmentVariable("HUB_TEST_MONGO") is { Length: > 0 } given
            ? given
            : PostgreSqlTestServer.RunScript("start-jongodb.sh", new Dictionary<string, string>());
}
