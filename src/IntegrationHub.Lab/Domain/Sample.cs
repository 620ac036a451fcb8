namespace IntegrationHub.Lab.Domain;

public sealed class Sample
{
    public long Id { get; set; }

    public long LabId { get; set; }

    public long PatientId { get; set; }

    public long? BillId { get; set; }

    public string Barcode { get; set; } = "";

    /// <summary>Blood, Urine, Swab, ...</summary>
    public string Type { get; set; } = "";

    public DateTimeOffset CollectedAt { get; set; }

    public DateTimeOffset? ReceivedAt { get; set; }
}
