namespace IntegrationHub.Logs.MongoDb;

/// <summary>
/// The field names of a log document. Numbers are Int64 throughout (engines differ in how they
/// compare Int32 with Int64); times are BSON dates for people and ticks (Int64) for exact order,
/// since a BSON date keeps milliseconds only. A null value is left out, so partial indexes hold
/// only the documents that have the field.
/// </summary>
internal static class LogFields
{
    public const string Id = "_id";
    public const string Direction = "direction";
    public const string LabId = "labId";
    public const string ActionId = "actionId";
    public const string ActionName = "actionName";
    public const string IntegrationId = "integrationId";
    public const string IntegrationName = "integrationName";
    public const string Vendor = "vendor";
    public const string PatientId = "patientId";
    public const string BillId = "billId";
    public const string SampleId = "sampleId";
    public const string ReportId = "reportId";
    public const string Source = "source";
    public const string Caller = "caller";
    public const string CreatedAt = "createdAt";
    public const string CreatedTicks = "createdTicks";

    /// <summary>The write-once part of the log as JSON (<see cref="Storage.LogRow.DocumentOf"/>), kept as text so every engine gives back what was written.</summary>
    public const string Document = "doc";

    /// <summary>True when the document's bodies were cut to fit the engine's document limit.</summary>
    public const string Truncated = "truncated";

    public const string Status = "status";
    public const string Attempts = "attempts";

    /// <summary>The number of the attempt whose outcome the state holds (0: none yet).</summary>
    public const string HeldAttempt = "heldAttempt";

    public const string UpdatedAt = "updatedAt";
    public const string UpdatedTicks = "updatedTicks";
    public const string HttpStatus = "httpStatus";
    public const string ErrorClass = "errorClass";
    public const string ErrorMessage = "errorMessage";
    public const string ErrorSignature = "errorSignature";
    public const string PartnerReference = "partnerReference";
    public const string DurationMs = "durationMs";

    /// <summary>The state as JSON (<see cref="Storage.LogStateColumns.State"/>).</summary>
    public const string State = "state";

    /// <summary>Counts every change of the state; writers compare and set it.</summary>
    public const string Version = "version";

    // Group keys kept with the state, since the engines agree on grouping by one field only:
    // "integration|action|status", "hour tick|status|in or out" and "minute tick|status|in or out".
    public const string StatsKey = "statsKey";
    public const string HourKey = "hourKey";
    public const string MinuteKey = "minuteKey";

    /// <summary>The last part of the hour and minute keys: an inbound call (action 0) or a delivery.</summary>
    public const string InboundKey = "in";

    public const string OutboundKey = "out";
}

/// <summary>The field names of an attempt document.</summary>
internal static class AttemptFields
{
    public const string LogId = "logId";
    public const string Attempt = "attempt";
    public const string StartedAt = "startedAt";
    public const string Document = "doc";
    public const string Truncated = "truncated";
}

/// <summary>The field names of an acknowledgement document; its <c>_id</c> (an ObjectId) orders them as recorded.</summary>
internal static class AcknowledgementFields
{
    public const string IntegrationId = "integrationId";
    public const string WebhookId = "webhookId";
    public const string LogId = "logId";
    public const string ReceivedAt = "receivedAt";
    public const string Document = "doc";

    /// <summary>A projected callback's place in its log's list (0 first), unique per log, so a repeat of the projection lands once.</summary>
    public const string Ordinal = "ordinal";
}
