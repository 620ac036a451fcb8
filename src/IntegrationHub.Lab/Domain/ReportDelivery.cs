namespace IntegrationHub.Lab.Domain;

/// <summary>
/// Written by the report family's status callback: which partner received a report, when, and
/// the partner's reference for it.
/// </summary>
public sealed class ReportDelivery
{
    public long Id { get; set; }

    public long ReportId { get; set; }

    public long IntegrationId { get; set; }

    public string IntegrationName { get; set; } = "";

    public string Vendor { get; set; } = "";

    public string LogId { get; set; } = "";

    public bool Succeeded { get; set; }

    public string? PartnerReference { get; set; }

    public DateTimeOffset At { get; set; }
}
