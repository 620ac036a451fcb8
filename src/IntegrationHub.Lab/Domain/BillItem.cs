namespace IntegrationHub.Lab.Domain;

public sealed class BillItem
{
    public long Id { get; set; }

    public long BillId { get; set; }

    public string TestCode { get; set; } = "";

    public string Description { get; set; } = "";

    public int Quantity { get; set; } = 1;

    public decimal UnitPrice { get; set; }
}
