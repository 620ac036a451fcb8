namespace IntegrationHub.Logging;

/// <summary>
/// The IntegrationDirectory and its retry log: one document per execution, one appended entry per
/// attempt. Implemented once per backend; the contract suite in tests/ holds every implementation
/// to the same behaviour.
/// </summary>
public interface ILogStore
{
    /// <summary>
    /// Creates a log (inbound calls; outbound logs are created through the outbox), and appends the
    /// attempt of its state, if any, to the retry log. Idempotent: a log
    /// whose id exists already is left as it is, so a record that arrives twice by the second way lands once.
    /// </summary>
    Task CreateAsync(IntegrationLog log, CancellationToken cancellationToken);

    Task<IntegrationLog?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The retry log of one execution, oldest attempt first.</summary>
    Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string logId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends an attempt and moves the log's current state to it. Idempotent: an attempt already
    /// recorded, or older than the log's latest, changes nothing. Returns false when the log does not exist.
    /// </summary>
    Task<bool> RecordAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken);

    Task<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken);

    /// <summary>How many logs match the filter of <paramref name="query"/>; its limit and cursor are ignored.</summary>
    Task<long> CountAsync(LogQuery query, CancellationToken cancellationToken);

    /// <summary>Counts of the logs created in [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="labIds"/> (null: every lab).</summary>
    Task<LogStats> GetStatsAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// How many logs of <paramref name="labIds"/> (null: every lab) were created in each bucket of
    /// <paramref name="bucket"/> length covering [<paramref name="from"/>, <paramref name="to"/>), by current
    /// status: one point per bucket, empty ones included, oldest first. The buckets are
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

    /// <summary>
    /// Records a partner's callback on the delivery it answers: the log named by
    /// <see cref="AcknowledgementRequest.DeliveryLogId"/>, else the newest log of the integration whose
    /// partner reference matches. Only that integration's deliveries match. A callback whose
    /// <c>webhook-id</c> was recorded before for the same integration changes nothing and answers
    /// <see cref="AcknowledgementOutcome.Duplicate"/>. Atomic: the check, the history and the log's
    /// state change together.
    /// </summary>
    Task<AcknowledgementResult> AcknowledgeAsync(AcknowledgementRequest request, CancellationToken cancellationToken);

    /// <summary>Every callback recorded on a delivery, oldest first.</summary>
    Task<IReadOnlyList<PartnerAcknowledgement>> GetAcknowledgementsAsync(string logId, CancellationToken cancellationToken);
}
