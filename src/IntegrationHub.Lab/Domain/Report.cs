namespace IntegrationHub.Lab.Domain;

public sealed class Report
{
    public long Id { get; set; }

    public long LabId { get; set; }

    public long PatientId { get; set; }

    public long? SampleId { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The title as <see cref="SearchKeys"/> compares it; set on every save.</summary>
    public string TitleKey { get; set; } = "";

    public string Findings { get; set; } = "";

    public string? SignedBy { get; set; }

    public DateTimeOffset? SignedAt { get; set; }

    /// <summary>Size of the signed PDF in bytes; the file lives in the report store, not in the database.</summary>
    public long? PdfSize { get; set; }

    public string? PdfSha256 { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<ReportDelivery> Deliveries { get; set; } = [];
}
