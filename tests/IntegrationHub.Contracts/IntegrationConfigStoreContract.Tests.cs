using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class IntegrationConfigStoreContract
{
    [Fact]
    public async Task Creating_assigns_an_id_and_stamps_both_times_from_the_clock()
    {
        var created = await CreateAsync(Sample());

        Assert.True(created.Id > 0);
        Assert.Equal(T0, created.CreatedAt);
        Assert.Equal(T0, created.UpdatedAt);
    }

    [Fact]
    public async Task Each_created_integration_gets_its_own_id()
    {
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await CreateAsync(Sample(name: $"EMR {i}"))).Id);
        }

        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_created_integration_reads_back_with_every_field()
    {
        Time.Advance(TimeSpan.FromMinutes(3));
        var created = await CreateAsync(Sample());
        var expected = Sample();
        expected.Id = created.Id;
        expected.CreatedAt = T0.AddMinutes(3);
        expected.UpdatedAt = T0.AddMinutes(3);

        AssertSameIntegration(expected, await GetExistingAsync(created.Id));
    }

    [Fact]
    public async Task Getting_an_unknown_integration_returns_null()
    {
        var created = await CreateAsync(Sample());

        Assert.Null(await Store.GetAsync(created.Id + 1000, CancellationToken.None));
    }

    [Fact]
    public async Task Listing_returns_all_integrations_or_those_of_one_lab_ordered_by_id()
    {
        var a = await CreateAsync(Sample(labId: 1, name: "a"));
        var b = await CreateAsync(Sample(labId: 2, name: "b"));
        var c = await CreateAsync(Sample(labId: 1, name: "c", active: false));

        var all = await Store.ListAsync(null, CancellationToken.None);
        var lab1 = await Store.ListAsync(1, CancellationToken.None);
        var lab3 = await Store.ListAsync(3, CancellationToken.None);

        Assert.Equal(new[] { a.Id, b.Id, c.Id }.Order(), all.Select(i => i.Id));
        Assert.Equal(new[] { a.Id, c.Id }.Order(), lab1.Select(i => i.Id));
        Assert.Equal(["a", "c"], lab1.OrderBy(i => i.Id).Select(i => i.Name));
        Assert.Empty(lab3);
    }

    [Fact]
    public async Task Finding_active_integrations_returns_only_active_ones_of_that_lab_and_action()
    {
        var wanted1 = await CreateAsync(Sample(labId: 1, actionId: ActionId.PatientRegistration, name: "wanted 1"));
        await CreateAsync(Sample(labId: 1, actionId: ActionId.PatientRegistration, active: false, name: "inactive"));
        await CreateAsync(Sample(labId: 1, actionId: ActionId.BillGeneration, name: "other action"));
        await CreateAsync(Sample(labId: 2, actionId: ActionId.PatientRegistration, name: "other lab"));
        var wanted2 = await CreateAsync(Sample(labId: 1, actionId: ActionId.PatientRegistration, name: "wanted 2"));

        var found = await Store.FindActiveAsync(1, ActionId.PatientRegistration, CancellationToken.None);

        Assert.Equal(new[] { wanted1.Id, wanted2.Id }.Order(), found.Select(i => i.Id).Order());
        Assert.All(found, i => Assert.True(i.Active));
        Assert.Empty(await Store.FindActiveAsync(3, ActionId.PatientRegistration, CancellationToken.None));
    }

    [Fact]
    public async Task Updating_replaces_every_field_including_nested_settings()
    {
        var created = await CreateAsync(Sample(labId: 1));
        Time.Advance(TimeSpan.FromMinutes(10));
        var changed = new LabIntegration
        {
            Id = created.Id,
            LabId = 2,
            ActionId = ActionId.ReportSigned,
            Name = "Renamed",
            Vendor = "Cerner",
            Url = "http://cerner.example/reports",
            Method = "POST",
            Headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Other"] = "1" },
            SecretHeaders = [],
            Auth = new AuthSettings { Kind = AuthKind.Bearer, Token = "tok" },
            Payload = new PayloadSettings(),
            Active = false,
            TimeoutSeconds = 60,
            MaxConcurrency = 1,
            RateLimitPerSecond = 0,
            MaxAttempts = 1,
            Attachments = [],
            ReferenceField = null,
            CreatedAt = created.CreatedAt,
        };

        Assert.True(await Store.UpdateAsync(changed, CancellationToken.None));

        var read = await GetExistingAsync(created.Id);
        Assert.Equal(T0, read.CreatedAt);
        Assert.Equal(T0.AddMinutes(10), read.UpdatedAt);
        changed.UpdatedAt = T0.AddMinutes(10);
        AssertSameIntegration(changed, read);
        Assert.Null(read.Auth.ClientSecret);
        Assert.Null(read.Payload.Template);
        Assert.False(read.Headers.ContainsKey("X-Tenant"));
    }

    [Fact]
    public async Task An_update_moves_the_integration_between_labs_actions_and_activity()
    {
        var created = await CreateAsync(Sample(labId: 1, actionId: ActionId.PatientRegistration));
        var moved = await GetExistingAsync(created.Id);
        moved.LabId = 2;
        moved.ActionId = ActionId.BillGeneration;

        await Store.UpdateAsync(moved, CancellationToken.None);

        Assert.Empty(await Store.FindActiveAsync(1, ActionId.PatientRegistration, CancellationToken.None));
        Assert.Empty(await Store.ListAsync(1, CancellationToken.None));
        Assert.Equal(created.Id, Assert.Single(await Store.FindActiveAsync(2, ActionId.BillGeneration, CancellationToken.None)).Id);

        moved.Active = false;
        await Store.UpdateAsync(moved, CancellationToken.None);

        Assert.Empty(await Store.FindActiveAsync(2, ActionId.BillGeneration, CancellationToken.None));
        Assert.Single(await Store.ListAsync(2, CancellationToken.None));
    }

    [Fact]
    public async Task Updating_an_unknown_integration_returns_false_and_creates_nothing()
    {
        var ghost = Sample();
        ghost.Id = 12345;

        Assert.False(await Store.UpdateAsync(ghost, CancellationToken.None));

        Assert.Null(await Store.GetAsync(12345, CancellationToken.None));
        Assert.Empty(await Store.ListAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_returns_true_then_false()
    {
        var kept = await CreateAsync(Sample(name: "kept"));
        var deleted = await CreateAsync(Sample(name: "deleted"));

        Assert.True(await Store.DeleteAsync(deleted.Id, CancellationToken.None));
        Assert.False(await Store.DeleteAsync(deleted.Id, CancellationToken.None));

        Assert.Null(await Store.GetAsync(deleted.Id, CancellationToken.None));
        Assert.Equal(kept.Id, Assert.Single(await Store.ListAsync(null, CancellationToken.None)).Id);
        Assert.Equal(kept.Id, Assert.Single(await Store.FindActiveAsync(1, ActionId.PatientRegistration, CancellationToken.None)).Id);
    }

    [Fact]
    public async Task Header_names_stay_case_insensitive_when_read_back()
    {
        var created = await CreateAsync(Sample());

        var read = await GetExistingAsync(created.Id);

        Assert.True(read.Headers.TryGetValue("x-tenant", out var tenant));
        Assert.Equal("city", tenant);
        Assert.True(Assert.Single(await Store.ListAsync(null, CancellationToken.None)).Headers.ContainsKey("X-TENANT"));
    }
}
