using IntegrationHub.Actions;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IntegrationHub.Contracts;

/// <summary>
/// What every <see cref="ILogStore"/> must do. A backend's test class inherits this and supplies a
/// fresh, empty store per test; xUnit creates one instance of the class per test.
/// </summary>
public abstract partial class LogStoreContract : IAsyncLifetime
{
    /// <summary>The moment every test starts at.</summary>
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(T0);

    protected ILogStore Store { get; private set; } = null!;

    /// <summary>The read side of the same store.</summary>
    protected ILogReadModel Reads { get; private set; } = null!;

    /// <summary>A new, empty store that reads the clock from <paramref name="time"/>.</summary>
    protected abstract Task<(ILogStore Writes, ILogReadModel Reads)> CreateStoreAsync(FakeTimeProvider time);

    /// <summary>Removes what <see cref="CreateStoreAsync"/> created.</summary>
    protected abstract Task DeleteStoreAsync();

    public async Task InitializeAsync() => (Store, Reads) = await CreateStoreAsync(Time);

    public Task DisposeAsync() => DeleteStoreAsync();

    /// <summary>A queued outbound log created at <paramref name="createdAt"/> (default: now).</summary>
    protected static IntegrationLog NewLog(DateTimeOffset createdAt, long labId = 1, int actionId = (int)ActionId.PatientRegistration, long? integrationId = 10, string? vendor = "Epic") => new()
    {
        Id = IntegrationLog.NewId(),
        LabId = labId,
        ActionId = actionId,
        ActionName = actionId == 0 ? "" : ((ActionId)actionId).ToString(),
        IntegrationId = integrationId,
        IntegrationName = integrationId is { } id ? $"Integration {id}" : null,
        Vendor = vendor,
        CreatedAt = createdAt,
        State = new LogState { UpdatedAt = createdAt },
    };

    /// <summary>Stores each log, in the order given.</summary>
    protected async Task CreateAllAsync(params IntegrationLog[] logs)
    {
        foreach (var log in logs)
        {
            await Store.CreateAsync(log, CancellationToken.None);
        }
    }

    protected static AttemptRecord Attempt(string logId, int number, LogStatus outcome, DateTimeOffset startedAt) => new()
    {
        LogId = logId,
        Attempt = number,
        Outcome = outcome,
        StartedAt = startedAt,
        DurationMs = 12.5 * number,
    };

    protected async Task<IntegrationLog> GetExistingAsync(string id)
    {
        var log = await Reads.GetAsync(id, CancellationToken.None);
        Assert.NotNull(log);
        return log;
    }
}
