using System.Data.Common;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Hosting;
using IntegrationHub.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Lab.Services;

/// <summary>The spent <c>Idempotency-Key</c>s of the lab database (<c>lab_idempotency_keys</c>).</summary>
/// <param name="db">The lab database; claims run in its current transaction.</param>
/// <param name="time">The clock of creation times and of expiry.</param>
/// <param name="options">The retention.</param>
/// <param name="transactions">The hub backend's writer admission: the answer's update queues with the other writers of a single-writer file.</param>
public sealed class IdempotencyStore(LabDbContext db, TimeProvider time, IOptions<IdempotencyOptions> options, IBusinessTransactionSource<DbTransaction> transactions)
{
    /// <summary>The key's record while it is within its retention; null when the key is free.</summary>
    public Task<IdempotencyRecord?> FindAsync(long labId, string key, CancellationToken cancellationToken)
    {
        var cutoff = Cutoff();
        return db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.LabId == labId && r.Key == key && r.CreatedAt >= cutoff, cancellationToken);
    }

    /// <summary>
    /// Spends the key inside the current business transaction. Expired keys are deleted first (the
    /// lazy clean-up), so an expired key can be spent again.
    /// </summary>
    /// <exception cref="IdempotencyKeyTakenException">Another call spent the key first.</exception>
    internal async Task ClaimInTransactionAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An Idempotency-Key is claimed only inside the business transaction (LabUnitOfWork).");
        }

        var cutoff = Cutoff();
        await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var createdAt = time.GetUtcNow().ToUnixTimeMilliseconds();

        // DO NOTHING rather than an exception: the loser learns it lost from the row count, and the
        // transaction stays usable for the rollback.
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO lab_idempotency_keys ("LabId", "Key", "Operation", "RequestHash", "CreatedAt")
            VALUES ({claim.LabId}, {claim.Key}, {claim.Operation}, {claim.RequestHash}, {createdAt})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        if (inserted == 0)
        {
            throw new IdempotencyKeyTakenException(claim);
        }
    }

    /// <summary>Completes a spent key with the answer its first call got, for repeats to be given.</summary>
    public async Task RecordAnswerAsync(long labId, string key, int status, string body, string? location, CancellationToken cancellationToken)
    {
        await using (await transactions.EnterWriteAsync(cancellationToken))
        {
            await db.IdempotencyRecords.Where(r => r.LabId == labId && r.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.ResponseStatus, status)
                .SetProperty(r => r.ResponseBody, body)
                .SetProperty(r => r.ResponseLocation, location), cancellationToken);
        }
    }

    private DateTimeOffset Cutoff() => time.GetUtcNow() - options.Value.Retention;
}
