using IntegrationHub.Logging;
using IntegrationHub.Storage;

namespace IntegrationHub.Logs.MongoDb;

/// <summary>
/// What the API and the dashboard read when the logs live in the document store: every page,
/// count and statistic from there; one log the store does not hold yet (its relay pass is a few
/// milliseconds behind the commit) from the storage, so a caller that asks for the delivery it has
/// just caused never gets a 404 for it. Attempts and callbacks likewise, while the store has none.
/// </summary>
internal sealed class ProjectedLogReadModel(MongoDbLogStore documents, ILogReadModel storage) : ILogReadModel
{
    public async Task<IntegrationLog?> GetAsync(string id, CancellationToken cancellationToken) =>
        await documents.GetAsync(id, cancellationToken) ?? await storage.GetAsync(id, cancellationToken);

    public async Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string logId, CancellationToken cancellationToken) =>
        await documents.GetAttemptsAsync(logId, cancellationToken) is { Count: > 0 } attempts ? attempts : await storage.GetAttemptsAsync(logId, cancellationToken);

    public async Task<IReadOnlyList<PartnerAcknowledgement>> GetAcknowledgementsAsync(string logId, CancellationToken cancellationToken) =>
        await documents.GetAcknowledgementsAsync(logId, cancellationToken) is { Count: > 0 } acknowledgements ? acknowledgements : await storage.GetAcknowledgementsAsync(logId, cancellationToken);

    public Task<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken) => documents.QueryAsync(query, cancellationToken);

    public Task<long> CountAsync(LogQuery query, CancellationToken cancellationToken) => documents.CountAsync(query, cancellationToken);

    public Task<LogStats> GetStatsAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        documents.GetStatsAsync(labIds, from, to, cancellationToken);

    public Task<IReadOnlyList<VolumePoint>> GetVolumeAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken cancellationToken) =>
        documents.GetVolumeAsync(labIds, from, to, bucket, cancellationToken);

    public Task<IReadOnlyList<ErrorSignatureCount>> GetErrorSignaturesAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
        documents.GetErrorSignaturesAsync(labIds, from, to, limit, cancellationToken);

    public Task<IReadOnlyList<WaitingDeliveries>> GetWaitingAsync(IReadOnlyCollection<long>? labIds, long? integrationId, CancellationToken cancellationToken) =>
        documents.GetWaitingAsync(labIds, integrationId, cancellationToken);
}
