using IntegrationHub.Configuration;
using IntegrationHub.Queue;
using IntegrationHub.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NpgsqlTypes;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>
/// Limits that hold for every hub process on the database. An integration's
/// <see cref="LabIntegration.MaxConcurrency"/> is held by the lease statement itself, which counts
/// the cluster's live leases (<see cref="PostgreSqlDeliveryTransport"/>); its
/// <see cref="LabIntegration.RateLimitPerSecond"/> by send slots in <c>hub_send_slot</c>, taken on
/// the database's clock by <c>hub_take_send_slot</c> under a transaction-scoped lock per integration
/// (no session lock, no leader: a dead process's slot lapses at its lease's end plus the window).
/// What counts per process stays this process's own: a lab's share of its workers, and how many
/// tasks it leases ahead of the rate (<see cref="IntegrationThrottle"/>).
/// </summary>
public sealed partial class PostgreSqlDeliveryThrottle(
    IntegrationThrottle local,
    PostgreSqlHubDatabase database,
    IOptions<LeaseOptions> leases,
    TimeProvider time,
    ILogger<PostgreSqlDeliveryThrottle> logger) : IDeliveryThrottle
{
    /// <inheritdoc />
    public IReadOnlyDictionary<long, int> Capacity(DateTimeOffset now, out DateTimeOffset? nextUnblock) => local.Capacity(now, out nextUnblock);

    /// <inheritdoc />
    public bool TryEnter(LabIntegration integration, DateTimeOffset now) => local.TryEnter(integration, now);

    /// <inheritdoc />
    public void Exit(long integrationId) => local.Exit(integrationId);

    /// <inheritdoc />
    public async Task<IDisposable> WaitToSendAsync(LabIntegration integration, CancellationToken cancellationToken)
    {
        var rate = SendRate.Of(integration.RateLimitPerSecond);
        if (!rate.IsLimited)
        {
            return await local.WaitToSendAsync(integration, cancellationToken);
        }

        var hold = leases.Value.LeaseFor(integration.TimeoutSeconds);
        while (true)
        {
            await using var command = database.CreateCommand("SELECT slot_id, wait_ms FROM hub_take_send_slot($1, $2, $3, $4)")
                .WithBigint(integration.Id).WithInteger(rate.PerWindow).With(rate.Window, NpgsqlDbType.Interval).With(hold, NpgsqlDbType.Interval);
            long? slot = null;
            double? waitMs = null;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    slot = reader.IsDBNull(0) ? null : reader.GetInt64(0);
                    waitMs = reader.IsDBNull(1) ? null : reader.GetDouble(1);
                }
            }

            if (slot is { } id)
            {
                return new SlotRelease(this, id);
            }

            var wait = waitMs is { } ms ? TimeSpan.FromMilliseconds(Math.Max(1, ms)) : database.Options.SendSlotPoll;
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    // The answer has been read: the slot frees one window from now. A failed write leaves the slot
    // held until its lease's end plus the window (slower, never faster than the partner allows).
    private async Task EndAsync(long slot)
    {
        try
        {
            await using var command = database.CreateCommand("UPDATE hub_send_slot SET ended_at = clock_timestamp() WHERE id = $1").WithBigint(slot);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            LogEndFailed(e, slot);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the end of send slot {Slot}; it frees when its hold lapses.")]
    private partial void LogEndFailed(Exception exception, long slot);

    private sealed class SlotRelease(PostgreSqlDeliveryThrottle throttle, long slot) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                _ = throttle.EndAsync(slot);
            }
        }
    }
}
