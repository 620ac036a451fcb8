using IntegrationHub.Logging;

namespace IntegrationHub.Storage;

/// <summary>
/// The storage's record of which logs changed, for a log store on another engine (a document
/// store) that keeps a projection of them. The storage stays the logs' system of record: the
/// outbox, a worker's finish, a manual retry and a callback change a log in the storage's own
/// transactions, and each change is noted there in the same transaction. A relay reads the notes,
/// hands each changed log to the <see cref="ILogProjection"/> whole, and only then removes them,
/// so a crash anywhere means the same log is projected again, never that a change is lost.
/// Notes are kept only while <see cref="LogChangeFeedOptions.Enabled"/>.
/// </summary>
public interface ILogChangeFeed
{
    /// <summary>
    /// The logs changed since the notes last removed, oldest note first, each log once and as it
    /// is now (a log changed five times is read once); empty when nothing changed.
    /// </summary>
    /// <param name="max">The most notes to take.</param>
    /// <param name="cancellationToken">Abandons the read.</param>
    Task<LogChangeBatch> ReadAsync(int max, CancellationToken cancellationToken);

    /// <summary>Removes the notes <paramref name="batch"/> was read from (changes made since stay).</summary>
    /// <param name="batch">A batch <see cref="ReadAsync"/> gave, every log of it projected.</param>
    /// <param name="cancellationToken">Abandons the removal (the batch is then read again).</param>
    Task CompleteAsync(LogChangeBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the notes of <paramref name="batch"/> back for the next read at once (its projection
    /// failed). A storage that lets several relays read at a time hands a batch's notes to one of
    /// them, until they are completed, given back, or a while has passed (a relay that crashed).
    /// </summary>
    /// <param name="batch">A batch <see cref="ReadAsync"/> gave, not completed.</param>
    /// <param name="cancellationToken">Abandons the release (the notes then come back when their claim lapses).</param>
    Task ReleaseAsync(LogChangeBatch batch, CancellationToken cancellationToken);

    /// <summary>How many notes wait, for the dashboard and the tests.</summary>
    Task<long> PendingAsync(CancellationToken cancellationToken);
}

/// <summary>Changed logs as one read of the feed saw them.</summary>
/// <param name="Logs">Each changed log with its retry log and callbacks, as the storage holds them now.</param>
/// <param name="Notes">The notes read, for <see cref="ILogChangeFeed.CompleteAsync"/>.</param>
/// <param name="OldestNotedAt">When the oldest of the notes was made, for the relay's lag.</param>
public sealed record LogChangeBatch(IReadOnlyList<LogSnapshot> Logs, IReadOnlyList<long> Notes, DateTimeOffset? OldestNotedAt)
{
    /// <summary>Nothing changed.</summary>
    public static LogChangeBatch Empty { get; } = new([], [], null);
}

/// <summary>One log whole: its document and state (with its version), its attempts oldest first and its callbacks oldest first.</summary>
/// <param name="Log">The log, its state's version the storage's.</param>
/// <param name="Attempts">The retry log, oldest attempt first.</param>
/// <param name="Acknowledgements">The partner's callbacks, oldest first (their order never changes: a callback is appended under the log's lock).</param>
public sealed record LogSnapshot(IntegrationLog Log, IReadOnlyList<AttemptRecord> Attempts, IReadOnlyList<PartnerAcknowledgement> Acknowledgements)
{
    /// <summary>Each log of <paramref name="logIds"/> once (in the order first named), as <paramref name="reads"/> holds it now; a log no longer there is left out.</summary>
    /// <param name="reads">The storage's own read model.</param>
    /// <param name="logIds">The logs the notes name, repeats included.</param>
    /// <param name="cancellationToken">Abandons the reads.</param>
    public static async Task<IReadOnlyList<LogSnapshot>> ReadAsync(ILogReadModel reads, IEnumerable<string> logIds, CancellationToken cancellationToken)
    {
        var snapshots = new List<LogSnapshot>();
        foreach (var logId in logIds.Distinct(StringComparer.Ordinal))
        {
            if (await reads.GetAsync(logId, cancellationToken) is { } log)
            {
                snapshots.Add(new LogSnapshot(log, await reads.GetAttemptsAsync(logId, cancellationToken), await reads.GetAcknowledgementsAsync(logId, cancellationToken)));
            }
        }

        return snapshots;
    }
}

/// <summary>
/// A log store on another engine, kept as a projection of the storage's logs by the relay. Every
/// write is idempotent and ordered by the log's version: a snapshot older than what the store holds
/// changes nothing, and the same snapshot written twice lands once.
/// </summary>
public interface ILogProjection
{
    /// <summary>Brings the store's copy of one log up to <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">The log as the storage holds it.</param>
    /// <param name="cancellationToken">Abandons the write (the relay writes it again).</param>
    Task ProjectAsync(LogSnapshot snapshot, CancellationToken cancellationToken);
}

/// <summary>Whether the storage notes log changes for a projection (set by the log store that needs them, not by hand).</summary>
public sealed class LogChangeFeedOptions
{
    /// <summary>Notes are made in every transaction that changes a log; off, none are made and any left are removed at start.</summary>
    public bool Enabled { get; set; }
}
