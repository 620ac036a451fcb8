// TEMPORARY: stands in for the read-model branch until it is merged. Delete on merge.
namespace IntegrationHub.Logging;

public sealed record VolumePoint(DateTimeOffset Start, long Total, long Success, long Fail);

public sealed record ErrorSignatureCount(string Signature, ErrorClass Class, int? HttpStatus, long Count, DateTimeOffset LastSeen, string LatestLogId);

public static class TempReadModel
{
    public static Task<long> CountAsync(this ILogStore store, LogQuery query, CancellationToken ct) => throw new NotImplementedException();

    public static Task<LogStats> GetStatsAsync(this ILogStore store, IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) => throw new NotImplementedException();

    public static Task<IReadOnlyList<VolumePoint>> GetVolumeAsync(this ILogStore store, IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, CancellationToken ct) => throw new NotImplementedException();

    public static Task<IReadOnlyList<ErrorSignatureCount>> GetErrorSignaturesAsync(this ILogStore store, IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct) => throw new NotImplementedException();
}
