using IntegrationHub.Server;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Tests;

public sealed class ConfigurationKeysTests
{
    private static IReadOnlyList<(string Key, string? Suggestion)> UnknownOf(params string[] keys) =>
        ConfigurationKeys.Known.Unknown(new ConfigurationBuilder()
            .AddInMemoryCollection(keys.Select(k => new KeyValuePair<string, string?>($"IntegrationHub:{k}", "1")))
            .Build());

    [Fact]
    public void Every_documented_key_and_anything_under_a_list_is_known_in_any_case()
    {
        Assert.Empty(UnknownOf(
            "DataFolder", "Storage:Provider", "Storage:ConnectionString", "Storage:SqliteSynchronous", "Storage:SqliteMmapSizeMiB", "Storage:SqliteCheckpointIntervalMs", "WorkerCount", "LeaseMargin", "BackstopPollInterval",
            "MaxLoggedBodyBytes", "SpoolFolder", "RetryBaseDelay", "RetryMaxDelay", "RetryAfterCap",
            "Security:AdminUserName", "Security:AdminPassword", "Security:BootstrapApiKey", "Security:SessionLifetime",
            "Webhooks:MaxBodyBytes", "Webhooks:PermitsPerMinute", "Idempotency:Retention", "Idempotency:InFlightWait",
            "Destinations:Allow:0", "Destinations:Allow:1", "MaxWorkersPerLab", "IdleReadTimeout", "MaxTokenAnswerBytes",
            "Webhooks:RefusedLogsPerMinute", "Templates:MaxLength", "Templates:MaxNesting", "Templates:MaxChain", "Templates:MaxSteps",
            "Templates:MaxOutputChars", "Templates:MaxCollectionSize", "Templates:RenderTimeout", "Sandbox:Enabled", "Sandbox:MaxBodyBytes",
            "Sandbox:MaxChannels", "Sandbox:MaxRequestsPerChannel", "Sandbox:MaxTotalBytes"));
        Assert.Empty(UnknownOf("workercount", "SECURITY:adminpassword"));
    }

    [Theory]
    [InlineData("WorkerCont", "IntegrationHub:WorkerCount")]
    [InlineData("Securty:AdminPassword", "IntegrationHub:Security:AdminPassword")]
    [InlineData("Webhook:MaxBodyBytes", "IntegrationHub:Webhooks:MaxBodyBytes")]
    [InlineData("Idempotency:Retension", "IntegrationHub:Idempotency:Retention")]
    [InlineData("Destinations:Alow:0", "IntegrationHub:Destinations:Allow:0")]
    public void A_misspelt_key_is_unknown_and_names_the_key_it_most_likely_meant(string typed, string meant)
    {
        var (key, suggestion) = Assert.Single(UnknownOf(typed));

        Assert.Equal($"IntegrationHub:{typed}", key);
        Assert.Equal(meant, suggestion);
    }

    [Fact]
    public void A_key_like_no_option_is_unknown_without_a_suggestion()
    {
        var (key, suggestion) = Assert.Single(UnknownOf("Colour"));

        Assert.Equal("IntegrationHub:Colour", key);
        Assert.Null(suggestion);
    }

    [Fact]
    public void The_old_sqlite_keys_are_unknown_and_point_to_the_storage_section()
    {
        // The backend's settings moved under IntegrationHub:Storage when the provider became a choice.
        var (key, suggestion) = Assert.Single(UnknownOf("SqliteSynchronous"));

        Assert.Equal("IntegrationHub:SqliteSynchronous", key);
        Assert.Equal("IntegrationHub:Storage:SqliteSynchronous", suggestion);
        Assert.Single(UnknownOf("ConnectionString"));
    }
}
