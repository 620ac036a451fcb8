using IntegrationHub.Logging;

namespace IntegrationHub.Storage;

/// <summary>
/// The read side of the IntegrationDirectory: one log, its attempts and acknowledgements, filtered
/// pages, counts, stats, volume and error signatures, for the API and the dashboard (the way
/// Hangfire's monitoring API stands apart from its storage writes). Implemented by the log store
/// (SQLite serves both from one file; a document store may serve reads from its own indexes).
/// </summary>
public interface ILogReadModel
{
    /// <summary>One log with its current state; null when it does not exist.</summary>
    Task<IntegrationLog?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The retry log of one execution, oldest attempt first.</summary>
    Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string logId, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the logs matching <paramref name="query"/>, newest first, with the keyset cursor
    /// of the next page; each filter of <see cref="LogQuery"/> is served by an index.
    /// </summary>
    Task<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken);

    /// <summary>How many logs match the filter of <paramref name="query"/>; its limit and cursor are ignored.</summary>
    Task<long> CountAsync(LogQuery query, CancellationToken cancellationToken);

    /// <summary>Counts of the logs created in [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="labIds"/> (null: every lab).</summary>
    Task<LogStats> GetStatsAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// How many logs of <paramref name="labIds"/> (null: every lab) were created in each bucket of
    /// <paramref name="bucket"/> length covering [<paramref name="from"/>, <paramref name="to"/>), by current
    /// status, deliveries (every action but 0) apart from inbound calls (action 0): one point per bucket, empty ones included, oldest first. The buckets are
    /// <see cref="VolumeBuckets.Cover"/>'s: the first starts at <paramref name="from"/> rounded down, and each
    /// point counts its whole bucket, also where the bucket reaches outside the window.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The bucket is not positive, or the window needs more than <see cref="VolumeBuckets.MaxCount"/> buckets.</exception>
    Task<IReadOnlyList<VolumePoint>> GetVolumeAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken);

    /// <summary>
    /// The logs of <paramref name="labIds"/> (null: every lab) created in [<paramref name="from"/>, <paramref name="to"/>)
    /// that are now in <see cref="LogStatus.Fail"/>, grouped by the <see cref="ErrorSignature"/> of their current
    /// error: the <paramref name="limit"/> most frequent, most frequent first (then the most recently seen).
    /// A log that failed and then succeeded on a retry no longer counts; one that failed without an error record has no signature and is left out.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is less than 1.</exception>
    Task<IReadOnlyList<ErrorSignatureCount>> GetErrorSignaturesAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);

    /// <summary>Every callback recorded on a delivery, oldest first.</summary>
    Task<IReadOnlyList<PartnerAcknowledgement>> GetAcknowledgementsAsync(string logId, CancellationToken cancellationToken);


    /// <summary>
    /// The deliveries of <paramref name="labIds"/> (null: every lab) not yet ended, per integration
    /// (only <paramref name="integrationId"/> when given), the integrations with most waiting first.
    /// Read over the status index: it costs what is waiting, not what the directory holds.
    /// </summary>
    Task<IReadOnlyList<WaitingDeliveries>> GetWaitingAsync(IReadOnlyCollection<long>? labIds, long? integrationId, CancellationToken cancellationToken);
}
