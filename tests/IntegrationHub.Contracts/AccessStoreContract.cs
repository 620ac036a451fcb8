using IntegrationHub.Access;
using IntegrationHub.Storage;
using Xunit;

namespace IntegrationHub.Contracts;

/// <summary>What every <see cref="IAccessStore"/> must do with users; a fresh, empty store per test.</summary>
public abstract class AccessStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    protected IAccessStore Store { get; private set; } = null!;

    /// <summary>A new, empty store.</summary>
    protected abstract Task<IAccessStore> CreateStoreAsync();

    /// <summary>Removes what <see cref="CreateStoreAsync"/> created.</summary>
    protected abstract Task DeleteStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public Task DisposeAsync() => DeleteStoreAsync();

    private static HubUser Sample(string name = "Nurse.Joy") => new()
    {
        UserName = name,
        PasswordHash = "hash-1",
        Role = HubRole.Operator,
        Labs = LabScope.Only([1, 3]),
        Disabled = false,
        CreatedAt = T0,
        SecurityStamp = "stamp-1",
    };

    private async Task<HubUser> FindExistingAsync(string name) =>
        await Store.FindUserAsync(name, CancellationToken.None) ?? throw new Xunit.Sdk.XunitException($"user {name} is missing");

    private static void AssertSame(HubUser expected, HubUser actual)
    {
        Assert.Equal(
            (expected.UserName, expected.PasswordHash, expected.Role, expected.Labs.ToString(), expected.Disabled, expected.CreatedAt, expected.SecurityStamp),
            (actual.UserName, actual.PasswordHash, actual.Role, actual.Labs.ToString(), actual.Disabled, actual.CreatedAt, actual.SecurityStamp));
    }

    [Fact]
    public async Task A_created_user_is_found_by_name_in_any_case_with_every_field_as_stored()
    {
        Assert.True(await Store.CreateUserAsync(Sample(), CancellationToken.None));

        AssertSame(Sample(), await FindExistingAsync("nurse.joy"));
        AssertSame(Sample(), Assert.Single(await Store.ListUsersAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task A_taken_name_is_refused_and_the_first_user_kept()
    {
        Assert.True(await Store.CreateUserAsync(Sample(), CancellationToken.None));
        Assert.False(await Store.CreateUserAsync(Sample("NURSE.JOY") with { PasswordHash = "other", SecurityStamp = "other" }, CancellationToken.None));

        AssertSame(Sample(), await FindExistingAsync("Nurse.Joy"));
    }

    [Fact]
    public async Task An_update_replaces_role_labs_state_password_and_security_stamp()
    {
        await Store.CreateUserAsync(Sample(), CancellationToken.None);
        var changed = Sample() with { PasswordHash = "hash-2", Role = HubRole.Viewer, Labs = LabScope.AllLabs, Disabled = true, SecurityStamp = "stamp-2" };

        Assert.True(await Store.UpdateUserAsync(changed, CancellationToken.None));
        Assert.False(await Store.UpdateUserAsync(Sample("someone.else"), CancellationToken.None));

        AssertSame(changed, await FindExistingAsync("Nurse.Joy"));
    }

    [Fact]
    public async Task Setting_the_security_stamp_changes_nothing_else_and_needs_an_existing_user()
    {
        await Store.CreateUserAsync(Sample(), CancellationToken.None);

        Assert.True(await Store.SetSecurityStampAsync("nurse.joy", "stamp-3", CancellationToken.None));
        Assert.False(await Store.SetSecurityStampAsync("someone.else", "stamp-3", CancellationToken.None));

        AssertSame(Sample() with { SecurityStamp = "stamp-3" }, await FindExistingAsync("Nurse.Joy"));
    }
}
