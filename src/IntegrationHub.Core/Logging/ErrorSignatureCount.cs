namespace IntegrationHub.Logging;

/// <summary>How often one kind of failure (one <see cref="ErrorSignature"/>) ended logs in a window.</summary>
/// <param name="Signature">The error signature the failures share.</param>
/// <param name="Class">The error class, the same for every failure of the signature.</param>
/// <param name="HttpStatus">The partner's HTTP status, the same for every failure of the signature; null when there was no answer.</param>
/// <param name="Count">How many logs failed with it.</param>
/// <param name="LastSeen">When the most recent of them failed.</param>
/// <param name="LatestLogId">That most recent log, to open as an example.</param>
public sealed record ErrorSignatureCount(string Signature, ErrorClass Class, int? HttpStatus, long Count, DateTimeOffset LastSeen, string LatestLogId);
