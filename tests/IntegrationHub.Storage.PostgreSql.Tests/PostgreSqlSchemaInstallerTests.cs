namespace IntegrationHub.Storage.PostgreSql.Tests;

public sealed class PostgreSqlSchemaInstallerTests
{
    [Fact]
    public async Task An_empty_database_gets_the_whole_schema_and_a_second_run_changes_nothing()
    {
        await using var db = await PostgreSqlTestDatabase.CreateAsync(install: false);
        var installer = new PostgreSqlSchemaInstaller(db.Database);
        Assert.Equal(0, await installer.VersionAsync(CancellationToken.None));

        await installer.InitializeAsync(CancellationToken.None);
        await db.ExecuteAsync("INSERT INTO hub_audit (at, actor, action) VALUES (now(), 'alice', 'kept')");
        await installer.InitializeAsync(CancellationToken.None);

        Assert.Equal(PostgreSqlSchema.Latest, await installer.VersionAsync(CancellationToken.None));
        Assert.Single(await new PostgreSqlAuditLog(db.Database).ListAsync(null, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Processes_starting_together_install_it_once()
    {
        await using var db = await PostgreSqlTestDatabase.CreateAsync(install: false);

        // Each its own data source, as separate processes would have.
        var others = Enumerable.Range(0, 4).Select(_ => new PostgreSqlHubDatabase(Microsoft.Extensions.Options.Options.Create(new PostgreSqlHubOptions { ConnectionString = db.ConnectionString }))).ToList();
        try
        {
            await Task.WhenAll(others.Select(o => new PostgreSqlSchemaInstaller(o).InitializeAsync(CancellationToken.None)));
        }
        finally
        {
            foreach (var other in others)
            {
                await other.DisposeAsync();
            }
        }

        Assert.Equal(PostgreSqlSchema.Latest, await new PostgreSqlSchemaInstaller(db.Database).VersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_database_left_at_an_older_version_is_upgraded_in_place_keeping_its_rows()
    {
        // A database as the first release of the schema left it, with an integration in it (written as that release wrote it).
        await using var db = await PostgreSqlTestDatabase.CreateAsync(install: false);
        await db.ExecuteAsync("CREATE TABLE hub_schema_version (one boolean PRIMARY KEY DEFAULT true CHECK (one), version integer NOT NULL); INSERT INTO hub_schema_version (version) VALUES (1)");
        await db.ExecuteAsync(PostgreSqlSchema.Migrations[0]);
        var written = new IntegrationHub.Configuration.LabIntegration { LabId = 1, Name = "kept", Url = "https://partner.example/in", MaxConcurrency = 3 };
        await db.ExecuteAsync($"INSERT INTO hub_integration (lab_id, action_id, active, doc) VALUES (1, {(int)written.ActionId}, true, $1::json)", IntegrationHub.HubJson.Serialize(written));
        var configs = new PostgreSqlIntegrationConfigStore(db.Database, TimeProvider.System);

        await new PostgreSqlSchemaInstaller(db.Database).InitializeAsync(CancellationToken.None);

        Assert.Equal(PostgreSqlSchema.Latest, await new PostgreSqlSchemaInstaller(db.Database).VersionAsync(CancellationToken.None));
        var kept = Assert.Single(await configs.ListAsync(null, CancellationToken.None));
        Assert.Equal("kept", kept.Name);

        // Migration 4 gave the row its concurrency column, from the document, for the cluster-wide lease.
        Assert.Equal(3L, await db.ScalarAsync<long>("SELECT max_concurrency::bigint FROM hub_integration"));
        Assert.Equal(0, await new PostgreSqlLogStore(db.Database, TimeProvider.System).CountAsync(new IntegrationHub.Logging.LogQuery(), CancellationToken.None));
    }

    [Fact]
    public async Task A_database_newer_than_this_hub_is_refused_naming_both_versions_and_the_key()
    {
        await using var db = await PostgreSqlTestDatabase.CreateAsync();
        await db.ExecuteAsync($"UPDATE hub_schema_version SET version = {PostgreSqlSchema.Latest + 1}");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => new PostgreSqlSchemaInstaller(db.Database).InitializeAsync(CancellationToken.None));

        Assert.Contains($"version {PostgreSqlSchema.Latest + 1}, newer than this hub's {PostgreSqlSchema.Latest}", refused.Message);
        Assert.Contains("IntegrationHub:Storage:ConnectionString", refused.Message);
        Assert.Equal(PostgreSqlSchema.Latest + 1, await new PostgreSqlSchemaInstaller(db.Database).VersionAsync(CancellationToken.None));
    }

    [Fact]
    public void A_connection_string_that_does_not_parse_is_refused_without_echoing_it()
    {
        var refused = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            new PostgreSqlHubDatabase(Microsoft.Extensions.Options.Options.Create(new PostgreSqlHubOptions { ConnectionString = "Host=x;Password=hunter2;Bogus Key=1" })));

        Assert.Contains("IntegrationHub:Storage:ConnectionString", refused.Message);
        Assert.DoesNotContain("hunter2", refused.Message);
    }
}
