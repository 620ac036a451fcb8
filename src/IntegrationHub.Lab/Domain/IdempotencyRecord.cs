namespace IntegrationHub.Lab.Domain;

/// <summary>
/// An <c>Idempotency-Key</c> spent by a committed business change: written in the change's own
/// transaction (so neither exists without the other), completed with the answer once it is known.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>Keys are per lab: two labs may use the same key for unrelated calls.</summary>
    public long LabId { get; set; }

    /// <summary>The client's key, 1 to 255 printable ASCII characters.</summary>
    public string Key { get; set; } = "";

    /// <summary>The route's name (<c>RegisterPatient</c>), for people reading the table and for messages.</summary>
    public string Operation { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of method, path and body: a repeat must match it to be answered.</summary>
    public string RequestHash { get; set; } = "";

    /// <summary>The first answer's status; null until it is stored (or forever, after a crash between commit and answer).</summary>
    public int? ResponseStatus { get; set; }

    /// <summary>The first answer's JSON body, exactly as it was sent.</summary>
    public string? ResponseBody { get; set; }

    /// <summary>The first answer's <c>Location</c> header, when it had one (201 Created).</summary>
    public string? ResponseLocation { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
