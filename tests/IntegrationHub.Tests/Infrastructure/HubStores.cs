using IntegrationHub.Access;
using IntegrationHub.Configuration;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using IntegrationHub.Tests.Infrastructure.Backends;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>
/// What a test server stored, read through the hub's own store interfaces (and the lab's EF Core
/// context), for the facts its HTTP API does not answer: the same reads on every backend, no SQL.
/// </summary>
public static class HubStores
{
    private static ILogReadModel Logs(this HubTestServer hub) => hub.Services.GetRequiredService<ILogReadModel>();

    public static Task<long> CountLogsAsync(this HubTestServer hub, LogQuery filter) => hub.Logs().CountAsync(filter, CancellationToken.None);

    /// <summary>The log as stored: its document and its current state, unmasked.</summary>
    public static async Task<IntegrationLog> StoredLogAsync(this HubTestServer hub, string id) =>
        await hub.Logs().GetAsync(id, CancellationToken.None) ?? throw new Xunit.Sdk.XunitException($"Log {id} is not stored.");

    public static Task<IReadOnlyList<AttemptRecord>> AttemptsAsync(this HubTestServer hub, string logId) => hub.Logs().GetAttemptsAsync(logId, CancellationToken.None);

    /// <summary>Every log that matches <paramref name="filter"/> (every log when null), newest first, all pages read.</summary>
    public static async Task<List<LogSummary>> ListLogsAsync(this HubTestServer hub, LogQuery? filter = null)
    {
        var logs = new List<LogSummary>();
        var query = (filter ?? new LogQuery()) with { Limit = LogQuery.MaxLimit, Cursor = null };
        do
        {
            var page = await hub.Logs().QueryAsync(query, CancellationToken.None);
            logs.AddRange(page.Items);
            query = query with { Cursor = page.NextCursor };
        }
        while (query.Cursor is not null);

        return logs;
    }

    /// <summary>The retry log of every execution: every attempt the store holds.</summary>
    public static async Task<List<AttemptRecord>> AllAttemptsAsync(this HubTestServer hub)
    {
        var attempts = new List<AttemptRecord>();
        foreach (var log in await hub.ListLogsAsync())
        {
            attempts.AddRange(await hub.AttemptsAsync(log.Id));
        }

        return attempts;
    }

    /// <summary>Every partner callback recorded on any delivery.</summary>
    public static async Task<List<PartnerAcknowledgement>> AllAcknowledgementsAsync(this HubTestServer hub)
    {
        var acknowledgements = new List<PartnerAcknowledgement>();
        foreach (var log in await hub.ListLogsAsync())
        {
            acknowledgements.AddRange(await hub.Logs().GetAcknowledgementsAsync(log.Id, CancellationToken.None));
        }

        return acknowledgements;
    }

    /// <summary>
    /// How many logs (document and current state) hold <paramref name="text"/>, ignoring case, in the
    /// form they are stored in (the hub's JSON): where a secret must never be written.
    /// </summary>
    public static async Task<int> CountLogsContainingAsync(this HubTestServer hub, string text)
    {
        var count = 0;
        foreach (var summary in await hub.ListLogsAsync())
        {
            count += Holds(await hub.StoredLogAsync(summary.Id), text) ? 1 : 0;
        }

        return count;
    }

    /// <summary>How many attempts of any log hold <paramref name="text"/>, ignoring case, in the form they are stored in.</summary>
    public static async Task<int> CountAttemptsContainingAsync(this HubTestServer hub, string text) =>
        (await hub.AllAttemptsAsync()).Count(a => Holds(a, text));

    /// <summary>Integrations as the backend stores them: secrets as ciphertext.</summary>
    public static Task<IReadOnlyList<LabIntegration>> StoredIntegrationsAsync(this HubTestServer hub, long? labId = null) =>
        TestBackend.Current.StoredIntegrations(hub.Services).ListAsync(labId, CancellationToken.None);

    /// <summary>How many integrations' stored documents contain <paramref name="text"/>, ignoring case.</summary>
    public static async Task<int> CountStoredIntegrationsContainingAsync(this HubTestServer hub, string text) =>
        (await hub.StoredIntegrationsAsync()).Count(i => Holds(i, text));

    /// <summary>One integration's document as the backend stores it: secrets as ciphertext.</summary>
    public static async Task<string> StoredIntegrationDocumentAsync(this HubTestServer hub, long id) =>
        HubJson.Serialize(await TestBackend.Current.StoredIntegrations(hub.Services).GetAsync(id, CancellationToken.None)
            ?? throw new Xunit.Sdk.XunitException($"Integration {id} is not stored."));

    public static Task<IReadOnlyList<HubUser>> UsersAsync(this HubTestServer hub) =>
        hub.Services.GetRequiredService<IAccessStore>().ListUsersAsync(CancellationToken.None);

    public static async Task<HubUser> UserAsync(this HubTestServer hub, string userName) =>
        await hub.Services.GetRequiredService<IAccessStore>().FindUserAsync(userName, CancellationToken.None)
            ?? throw new Xunit.Sdk.XunitException($"User {userName} is not stored.");

    /// <summary>Every API key, revoked ones included.</summary>
    public static Task<IReadOnlyList<HubApiKey>> ApiKeysAsync(this HubTestServer hub) =>
        hub.Services.GetRequiredService<IAccessStore>().ListApiKeysAsync(CancellationToken.None);

    /// <summary>The whole audit log, every lab, newest first.</summary>
    public static async Task<List<AuditEntry>> AuditEntriesAsync(this HubTestServer hub)
    {
        var audit = hub.Services.GetRequiredService<IAuditLog>();
        var entries = new List<AuditEntry>();
        IReadOnlyList<AuditEntry> page;
        do
        {
            page = await audit.ListAsync(null, entries.Count == 0 ? null : entries[^1].Id, 1000, CancellationToken.None);
            entries.AddRange(page);
        }
        while (page.Count > 0);

        return entries;
    }

    /// <summary>Deliveries waiting or leased: the queue's depth.</summary>
    public static Task<long> CountQueuedTasksAsync(this HubTestServer hub) =>
        hub.Services.GetRequiredService<IDeliveryTransport>().CountAsync(CancellationToken.None);

    /// <summary>How many queued tasks' stored forms contain <paramref name="text"/>, ignoring case.</summary>
    public static async Task<int> CountQueuedTasksContainingAsync(this HubTestServer hub, string text) =>
        (await hub.Faults.ReadQueueAsync()).Count(t => t.Text.Contains(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>A read of the reference lab's own database, through its EF Core context.</summary>
    public static async Task<T> LabAsync<T>(this HubTestServer hub, Func<LabDbContext, Task<T>> read)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<LabDbContext>());
    }

    private static bool Holds<T>(T stored, string text) => HubJson.Serialize(stored).Contains(text, StringComparison.OrdinalIgnoreCase);
}
