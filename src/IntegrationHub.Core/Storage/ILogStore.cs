using IntegrationHub.Logging;

namespace IntegrationHub.Storage;

/// <summary>
/// The write side of the IntegrationDirectory and its retry log: one document per execution, one
/// appended entry per attempt, and the partners' acknowledgements. Every write is idempotent, so a
/// record written twice (from the spool, or by a relay after a crash) lands once. Reads are
/// <see cref="ILogReadModel"/>'s. Implemented once per log store; the contract suite in tests/
/// holds every implementation to the same behaviour.
/// </summary>
public interface ILogStore
{
    /// <summary>
    /// Creates a log (inbound calls; outbound logs are created through the outbox), and appends the
    /// attempt of its state, if any, to the retry log. Idempotent: a log
    /// whose id exists already is left as it is, so a record that arrives twice by the second way lands once.
    /// </summary>
    Task CreateAsync(IntegrationLog log, CancellationToken cancellationToken);

    /// <summary>
    /// Appends an attempt and moves the log's current state to it. Idempotent: an attempt already
    /// recorded, or older than the log's latest, changes nothing. Returns false when the log does not exist.
    /// </summary>
    Task<bool> RecordAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken);

    /// <summary>
    /// Records a partner's callback on the delivery it answers: the log named by
    /// <see cref="AcknowledgementRequest.DeliveryLogId"/>, else the newest log of the integration whose
    /// partner reference matches. Only that integration's deliveries match. A callback whose
    /// <c>webhook-id</c> was recorded before for the same integration changes nothing and answers
    /// <see cref="AcknowledgementOutcome.Duplicate"/>. Atomic: the check, the history and the log's
    /// state change together.
    /// </summary>
    Task<AcknowledgementResult> AcknowledgeAsync(AcknowledgementRequest request, CancellationToken cancellationToken);
}
