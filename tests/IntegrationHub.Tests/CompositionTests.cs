using IntegrationHub.Hosting;
using IntegrationHub.Storage;
using IntegrationHub.Storage.Sqlite;
using IntegrationHub.Workers;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Tests;

public sealed class CompositionTests
{
    [Fact]
    public void Starting_without_a_store_fails_with_the_fix_in_the_message()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddIntegrationHub();
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<HubComposition>>().Value);
        Assert.Contains("exactly one ILogStore, found 0", failure.Message);
        Assert.Contains("UseSqlite", failure.Message);
    }

    [Fact]
    public void Two_stores_are_refused_as_well()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddIntegrationHub().UseSqlite("Data Source=a.db").UseSqlite("Data Source=b.db");
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<HubComposition>>().Value);
        Assert.Contains("found 2", failure.Message);
    }

    [Fact]
    public void Invalid_engine_options_are_refused_naming_the_setting()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddIntegrationHub().UseSqlite("Data Source=c.db");
        services.Configure<WorkerOptions>(o => o.WorkerCount = 0);
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WorkerOptions>>().Value);
        Assert.Contains("WorkerCount", failure.Message);
    }
}
