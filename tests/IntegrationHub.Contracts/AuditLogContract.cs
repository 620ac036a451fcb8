using IntegrationHub.Access;
using IntegrationHub.Storage;
using Xunit;

namespace IntegrationHub.Contracts;

/// <summary>What every <see cref="IAuditLog"/> must do: append, list newest first by keyset, filter by lab, and keep history unchangeable.</summary>
public abstract class AuditLogContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    protected IAuditLog Audit { get; private set; } = null!;

    /// <summary>An audit log on a new, empty backend.</summary>
    protected abstract Task<IAuditLog> CreateAsync();

    /// <summary>
    /// Tries to change, then to delete, the entry <paramref name="id"/> directly in the database (as
    /// a hostile or careless administrator would, around the hub); returns the number of attempts
    /// the database let through (0 when it refuses both).
    /// </summary>
    protected abstract Task<int> TamperAsync(long id);

    /// <summary>Removes what <see cref="CreateAsync"/> created.</summary>
    protected abstract Task DeleteAsync();

    public async Task InitializeAsync() => Audit = await CreateAsync();

    public Task DisposeAsync() => DeleteAsync();

    private Task AppendAsync(string action, long? labId, int minute) =>
        Audit.AppendAsync(new AuditEntry { At = T0.AddMinutes(minute), Actor = "alice", Action = action, LabId = labId, Target = "integration 7", Detail = "changed url" }, CancellationToken.None);

    [Fact]
    public async Task Entries_are_listed_newest_first_whole_and_paged_by_id()
    {
        for (var i = 0; i < 5; i++)
        {
            await AppendAsync($"action-{i}", 1, i);
        }

        var first = await Audit.ListAsync(null, null, 3, CancellationToken.None);
        Assert.Equal(["action-4", "action-3", "action-2"], first.Select(e => e.Action));
        Assert.True(first[0].Id > first[1].Id && first[1].Id > first[2].Id);
        Assert.Equal(new AuditEntry { Id = first[0].Id, At = T0.AddMinutes(4), Actor = "alice", Action = "action-4", LabId = 1, Target = "integration 7", Detail = "changed url" }, first[0]);

        var rest = await Audit.ListAsync(null, first[^1].Id, 3, CancellationToken.None);
        Assert.Equal(["action-1", "action-0"], rest.Select(e => e.Action));
    }

    [Fact]
    public async Task A_lab_filter_lists_only_those_labs()
    {
        await AppendAsync("lab-1", 1, 0);
        await AppendAsync("lab-2", 2, 1);
        await AppendAsync("global", null, 2);

        Assert.Equal(["lab-2"], (await Audit.ListAsync([2], null, 10, CancellationToken.None)).Select(e => e.Action));
        Assert.Equal(["global", "lab-2", "lab-1"], (await Audit.ListAsync(null, null, 10, CancellationToken.None)).Select(e => e.Action));
        Assert.Empty(await Audit.ListAsync([], null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_remove_an_entry()
    {
        await AppendAsync("kept", 1, 0);
        var entry = Assert.Single(await Audit.ListAsync(null, null, 10, CancellationToken.None));

        Assert.Equal(0, await TamperAsync(entry.Id));

        Assert.Equal(entry, Assert.Single(await Audit.ListAsync(null, null, 10, CancellationToken.None)));
    }
}
