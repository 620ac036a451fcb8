using IntegrationHub.Logging;
using IntegrationHub.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace IntegrationHub.Logs.MongoDb;

public sealed partial class MongoDbLogStore
{
    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;

    private static readonly UpdateDefinitionBuilder<BsonDocument> Update = Builders<BsonDocument>.Update;

    // A log's document: its searchable fields, its write-once JSON and its state at the version given (0 for a new log).
    private BsonDocument LogDocument(IntegrationLog log, long version = 0)
    {
        var (json, truncated) = DocumentLimit.Of(log, database.Options.MaxDocumentBytes);
        var document = new BsonDocument
        {
            { LogFields.Id, log.Id },
            { LogFields.Direction, log.Direction.ToString() },
            { LogFields.LabId, log.LabId },
            { LogFields.ActionId, (long)log.ActionId },
            { LogFields.ActionName, log.ActionName },
            { LogFields.Source, log.Context.Source },
            { LogFields.CreatedAt, new BsonDateTime(log.CreatedAt.UtcDateTime) },
            { LogFields.CreatedTicks, log.CreatedAt.UtcTicks },
            { LogFields.Document, json },
            { LogFields.Version, version },
        };
        AddIfPresent(document, LogFields.IntegrationId, log.IntegrationId);
        AddIfPresent(document, LogFields.IntegrationName, log.IntegrationName);
        AddIfPresent(document, LogFields.Vendor, log.Vendor);
        AddIfPresent(document, LogFields.PatientId, log.Context.PatientId);
        AddIfPresent(document, LogFields.BillId, log.Context.BillId);
        AddIfPresent(document, LogFields.SampleId, log.Context.SampleId);
        AddIfPresent(document, LogFields.ReportId, log.Context.ReportId);
        AddIfPresent(document, LogFields.Caller, log.Context.Caller);
        if (truncated)
        {
            document.Add(LogFields.Truncated, true);
        }

        foreach (var (name, value) in StateFields(log.IntegrationId, log.ActionId, log.CreatedAt.UtcTicks, LogStateColumns.Of(log.State, lastAttemptInRetryLog: true), log.State.LastAttempt?.Attempt ?? 0))
        {
            AddIfPresent(document, name, value);
        }

        return document;
    }

    // The update that moves a log to a new state (its group keys with it), one version up.
    private static UpdateDefinition<BsonDocument> StateUpdate(BsonDocument current, LogStateColumns state, int heldAttempt)
    {
        var integrationId = current.TryGetValue(LogFields.IntegrationId, out var integration) ? integration.ToInt64() : (long?)null;
        var fields = StateFields(integrationId, (int)current[LogFields.ActionId].ToInt64(), current[LogFields.CreatedTicks].ToInt64(), state, heldAttempt);
        var updates = fields.Select(f => f.Value is null ? Update.Unset(f.Name) : Update.Set(f.Name, f.Value)).Append(Update.Inc(LogFields.Version, 1L));
        return Update.Combine(updates);
    }

    private static IEnumerable<(string Name, BsonValue? Value)> StateFields(long? integrationId, int actionId, long createdTicks, LogStateColumns state, int heldAttempt)
    {
        var status = state.Status.ToString();
        yield return (LogFields.Status, status);
        yield return (LogFields.Attempts, (long)state.Attempts);
        yield return (LogFields.HeldAttempt, (long)heldAttempt);
        yield return (LogFields.UpdatedAt, new BsonDateTime(state.UpdatedAt.UtcDateTime));
        yield return (LogFields.UpdatedTicks, state.UpdatedAt.UtcTicks);
        yield return (LogFields.HttpStatus, state.HttpStatus is { } http ? new BsonInt64(http) : null);
        yield return (LogFields.ErrorClass, Text(state.ErrorClass?.ToString()));
        yield return (LogFields.ErrorMessage, Text(state.ErrorMessage));
        yield return (LogFields.ErrorSignature, Text(state.ErrorSignature));
        yield return (LogFields.PartnerReference, Text(state.PartnerReference));
        yield return (LogFields.DurationMs, state.DurationMs is { } duration ? new BsonDouble(duration) : null);
        yield return (LogFields.State, state.State);
        yield return (LogFields.StatsKey, $"{integrationId ?? 0}|{actionId}|{status}");
        var direction = actionId == 0 ? LogFields.InboundKey : LogFields.OutboundKey;
        yield return (LogFields.HourKey, $"{createdTicks - (createdTicks % TimeSpan.TicksPerHour)}|{status}|{direction}");
        yield return (LogFields.MinuteKey, $"{createdTicks - (createdTicks % TimeSpan.TicksPerMinute)}|{status}|{direction}");
    }

    private static BsonString? Text(string? value) => value is null ? null : new BsonString(value);

    private static void AddIfPresent(BsonDocument document, string name, BsonValue? value)
    {
        if (value is not null && !value.IsBsonNull)
        {
            document.Add(name, value);
        }
    }

    private static void AddIfPresent(BsonDocument document, string name, long? value)
    {
        if (value is { } v)
        {
            document.Add(name, v);
        }
    }

    private static void AddIfPresent(BsonDocument document, string name, string? value)
    {
        if (value is not null)
        {
            document.Add(name, value);
        }
    }

    private static string? StringOrNull(BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) && value.IsString ? value.AsString : null;

    private static long? Int64OrNull(BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) && value.IsNumeric ? value.ToInt64() : null;

    // A log as the API reads it, from its document and its state.
    private static IntegrationLog ReadLog(BsonDocument document) =>
        LogRow.Read(document[LogFields.Document].AsString, document[LogFields.State].AsString, document[LogFields.Version].ToInt64());

    private static LogSummary ReadSummary(BsonDocument d)
    {
        var http = Int64OrNull(d, LogFields.HttpStatus) is { } h ? (int)h : (int?)null;
        return new LogSummary
        {
            Id = d[LogFields.Id].AsString,
            Direction = Enum.Parse<LogDirection>(d[LogFields.Direction].AsString),
            LabId = d[LogFields.LabId].ToInt64(),
            ActionId = (int)d[LogFields.ActionId].ToInt64(),
            ActionName = d[LogFields.ActionName].AsString,
            IntegrationId = Int64OrNull(d, LogFields.IntegrationId),
            IntegrationName = StringOrNull(d, LogFields.IntegrationName),
            Vendor = StringOrNull(d, LogFields.Vendor),
            Context = new LogContext
            {
                PatientId = Int64OrNull(d, LogFields.PatientId),
                BillId = Int64OrNull(d, LogFields.BillId),
                SampleId = Int64OrNull(d, LogFields.SampleId),
                ReportId = Int64OrNull(d, LogFields.ReportId),
                Source = StringOrNull(d, LogFields.Source) ?? "",
                Caller = StringOrNull(d, LogFields.Caller),
            },
            CreatedAt = new DateTimeOffset(d[LogFields.CreatedTicks].ToInt64(), TimeSpan.Zero),
            Status = Enum.Parse<LogStatus>(d[LogFields.Status].AsString),
            Attempts = (int)d[LogFields.Attempts].ToInt64(),
            UpdatedAt = new DateTimeOffset(d[LogFields.UpdatedTicks].ToInt64(), TimeSpan.Zero),
            HttpStatus = http,
            Error = StringOrNull(d, LogFields.ErrorClass) is { } errorClass
                ? new ErrorRecord(Enum.Parse<ErrorClass>(errorClass), StringOrNull(d, LogFields.ErrorMessage) ?? "", http)
                : null,
            DurationMs = d.TryGetValue(LogFields.DurationMs, out var duration) && duration.IsNumeric ? duration.ToDouble() : null,
        };
    }
}
