using System.Diagnostics;
using IntegrationHub.Hosting;
using IntegrationHub.Logging;
using IntegrationHub.Spool;
using IntegrationHub.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Web.Inbound;

/// <summary>
/// The inbound half of the seed's <c>IntegrationDirectoryLogger</c>, behind the endpoint filter and
/// the controller attribute: one inbound log per call with its request, outcome and answer,
/// including calls whose handler threw. The log goes to the log store; when the store refuses it,
/// or, on a single-writer store, the request still holds an open database transaction (a doomed
/// one, or one a wrapper has yet to end), it goes the second way through <see cref="LogRecordSpool"/> and lands later.
/// </summary>
public sealed partial class InboundCallLogger(ILogStore logs, LogRecordSpool spool, StorageCapabilities capabilities, TimeProvider time, IOptions<BodyCaptureOptions> options, ILogger<InboundCallLogger> logger)
{
    /// <summary>Whether this request is to be logged: its endpoint asks for it, and it is not a read unless reads are included.</summary>
    public static bool Logs(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<IIntegrationLogMetadata>() is { } metadata
        && (metadata.IncludeReads || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)));

    internal InboundCall Begin() => new(time.GetUtcNow(), Stopwatch.GetTimestamp());

    internal async Task FinishAsync(HttpContext http, InboundCall call, InboundOutcome outcome)
    {
        if (InboundLogDetails.Find(http) is { Skip: true })
        {
            return;
        }

        IntegrationLog log;
        try
        {
            log = await InboundLogBuilder.BuildAsync(http, call, outcome, Stopwatch.GetElapsedTime(call.Timestamp).TotalMilliseconds, time.GetUtcNow(), options.Value.MaxLoggedBodyBytes);
        }
        catch (Exception e)
        {
            // The caller's answer must not change because its log could not be described.
            LogUndescribable(logger, e, http.Request.Method, http.Request.Path);
            return;
        }

        // Only a single-writer store makes a write beside the request's open transaction wait on it.
        var heldTransaction = capabilities.SingleWriter && http.RequestServices.GetService<IBusinessTransactionProbe>()?.HasOpenTransaction == true;
        if (heldTransaction)
        {
            LogHeldTransaction(logger, log.Id);
        }
        else
        {
            try
            {
                await logs.CreateAsync(log, CancellationToken.None);
                return;
            }
            catch (Exception e)
            {
                LogStoreRefused(logger, e, log.Id);
            }
        }

        try
        {
            await spool.HandOffAsync(PendingLogRecord.Create(log));
        }
        catch (Exception e)
        {
            LogLost(logger, e, log.Id, http.Request.Method, http.Request.Path);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbound call {Method} {Path} could not be described for its log.")]
    private static partial void LogUndescribable(ILogger logger, Exception e, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound log {LogId} goes to the spool: the request still holds an open database transaction.")]
    private static partial void LogHeldTransaction(ILogger logger, string logId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The log store refused inbound log {LogId}; it goes to the spool.")]
    private static partial void LogStoreRefused(ILogger logger, Exception e, string logId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Inbound log {LogId} of {Method} {Path} could be written neither to the store nor to the spool.")]
    private static partial void LogLost(ILogger logger, Exception e, string logId, string method, PathString path);
}

/// <summary>When a logged call started: wall clock for the log, timestamp for its duration.</summary>
internal readonly record struct InboundCall(DateTimeOffset StartedAt, long Timestamp);
