namespace IntegrationHub.Logging;

/// <summary>The business ids of a logged execution, indexed for search by business id.</summary>
public sealed record LogContext
{
    public long? PatientId { get; init; }

    public long? BillId { get; init; }

    public long? SampleId { get; init; }

    public long? ReportId { get; init; }

    /// <summary>What started it: api, bulk, demo, retry, inbound.</summary>
    public string Source { get; init; } = "api";

    /// <summary>
    /// Who made the call: for an inbound call its caller, for a delivery the caller of the business
    /// call that raised its event ("user:…", "key:…", "partner:…" or "anonymous"); null when the hub
    /// raised the event itself (the demo, a job) or the log predates the field.
    /// </summary>
    public string? Caller { get; init; }
}

/// <summary>A body as logged: capped in size, with its full size and a truncation flag.</summary>
public sealed record BodyRecord(string ContentType, string Text, long Size, bool Truncated);

/// <summary>An attachment streamed into a request: never its content, only what identifies it.</summary>
public sealed record AttachmentRecord(string Name, long Size, string Sha256);

/// <summary>A request as sent, secrets masked.</summary>
public sealed record RequestRecord
{
    public required string Method { get; init; }

    public required string Url { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public BodyRecord? Body { get; init; }

    public IReadOnlyList<AttachmentRecord> Attachments { get; init; } = [];
}

/// <summary>A response as received, secrets masked.</summary>
public sealed record ResponseRecord
{
    public int StatusCode { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public BodyRecord? Body { get; init; }
}

/// <summary>Why an attempt failed.</summary>
public sealed record ErrorRecord(ErrorClass Class, string Message, int? HttpStatus = null);
