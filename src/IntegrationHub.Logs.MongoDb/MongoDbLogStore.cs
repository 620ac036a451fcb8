using IntegrationHub.Logging;
using IntegrationHub.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace IntegrationHub.Logs.MongoDb;

/// <summary>
/// The IntegrationDirectory and its retry log in a MongoDB-compatible store: one document per
/// execution holding its current state, changed only by a compare-and-set on its version; one
/// insert-only document per attempt and per acknowledgement, unique where a repeat must be a
/// no-op. No write spans two documents in a transaction: each step is idempotent and the next
/// write of the same record finishes what a crash left half done.
/// </summary>
public sealed partial class MongoDbLogStore(MongoDbLogDatabase database, TimeProvider time) : ILogStore, ILogReadModel, ILogProjection
{
    /// <inheritdoc />
    public async Task CreateAsync(IntegrationLog log, CancellationToken cancellationToken)
    {
        // A log that exists is left as it is; its attempt is written either way, so a record that
        // arrives again after a crash between the two writes completes the pair.
        await DuplicateKey.TryInsertAsync(database.Logs, LogDocument(log), cancellationToken);
        if (log.State.LastAttempt is { } attempt)
        {
            await DuplicateKey.TryInsertAsync(database.Attempts, AttemptDocument(attempt with { LogId = log.Id }), cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<IntegrationLog?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var document = await database.Logs.Find(Filter.Eq(LogFields.Id, id)).FirstOrDefaultAsync(cancellationToken);
        if (document is null)
        {
            return null;
        }

        // The state keeps its last attempt without request and answer; the retry log has it whole.
        var log = ReadLog(document);
        if (log.State.LastAttempt is not { } last)
        {
            return log;
        }

        var whole = await database.Attempts.Find(Filter.Eq(AttemptFields.LogId, id) & Filter.Eq(AttemptFields.Attempt, (long)last.Attempt)).FirstOrDefaultAsync(cancellationToken);
        return whole is null ? log : log with { State = log.State with { LastAttempt = HubJson.Deserialize<AttemptRecord>(whole[AttemptFields.Document].AsString) } };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string logId, CancellationToken cancellationToken)
    {
        var documents = await database.Attempts.Find(Filter.Eq(AttemptFields.LogId, logId))
            .Sort(Builders<BsonDocument>.Sort.Ascending(AttemptFields.Attempt)).ToListAsync(cancellationToken);
        return [.. documents.Select(d => HubJson.Deserialize<AttemptRecord>(d[AttemptFields.Document].AsString))];
    }

    /// <inheritdoc />
    public async Task<bool> RecordAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        if (!await database.Logs.Find(Filter.Eq(LogFields.Id, attempt.LogId)).AnyAsync(cancellationToken))
        {
            return false;
        }

        // Recorded once; the state moves past it whether the insert was new or a repeat (a repeat
        // finds the move done, unless a crash came between the two writes).
        await DuplicateKey.TryInsertAsync(database.Attempts, AttemptDocument(attempt), cancellationToken);
        await MoveStateAfterAsync(attempt, cancellationToken);
        return true;
    }

    /// <summary>
    /// Moves a log's state past an attempt, keeping what the partner said of it (an
    /// acknowledgement, a reference): read, work out, compare-and-set on the version, and again if
    /// an acknowledgement won meanwhile. A later attempt's state, or this one's, is never replaced.
    /// </summary>
    private async Task MoveStateAfterAsync(AttemptRecord attempt, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await database.Logs.Find(Filter.Eq(LogFields.Id, attempt.LogId)).FirstOrDefaultAsync(cancellationToken);
            if (current is null || current[LogFields.Attempts].ToInt64() > attempt.Attempt || current[LogFields.HeldAttempt].ToInt64() >= attempt.Attempt)
            {
                return;
            }

            var state = HubJson.Deserialize<LogState>(current[LogFields.State].AsString);
            var next = LogStateTransitions.After(attempt, time.GetUtcNow(), state.Acknowledgement, StringOrNull(current, LogFields.PartnerReference));
            var moved = await database.Logs.UpdateOneAsync(
                Filter.Eq(LogFields.Id, attempt.LogId) & Filter.Eq(LogFields.Version, current[LogFields.Version].ToInt64()),
                StateUpdate(current, LogStateColumns.Of(next, lastAttemptInRetryLog: true), attempt.Attempt),
                cancellationToken: cancellationToken);
            if (moved.MatchedCount == 1)
            {
                return;
            }
        }
    }

    private BsonDocument AttemptDocument(AttemptRecord attempt)
    {
        var (json, truncated) = DocumentLimit.Of(attempt, database.Options.MaxDocumentBytes);
        var document = new BsonDocument
        {
            { AttemptFields.LogId, attempt.LogId },
            { AttemptFields.Attempt, (long)attempt.Attempt },
            { AttemptFields.StartedAt, new BsonDateTime(attempt.StartedAt.UtcDateTime) },
            { AttemptFields.Document, json },
        };
        if (truncated)
        {
            document.Add(AttemptFields.Truncated, true);
        }

        return document;
    }
}
