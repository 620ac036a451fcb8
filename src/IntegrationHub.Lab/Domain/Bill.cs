namespace IntegrationHub.Lab.Domain;

public sealed class Bill
{
    public long Id { get; set; }

    public long LabId { get; set; }

    public long PatientId { get; set; }

    public string Number { get; set; } = "";

    public string Currency { get; set; } = "INR";

    public decimal Total { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<BillItem> Items { get; set; } = [];
}
