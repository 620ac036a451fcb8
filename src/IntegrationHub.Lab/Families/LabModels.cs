using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Lab.Domain;

namespace IntegrationHub.Lab.Families;

/// <summary>
/// The JSON shape of each domain object in payload models: what canonical payloads contain and
/// what Liquid templates read (<c>{{ patient.firstName }}</c>). Documented in the README.
/// </summary>
public static class LabModels
{
    public static JsonObject Of(Domain.Lab lab) => new()
    {
        ["id"] = lab.Id,
        ["name"] = lab.Name,
        ["code"] = lab.Code,
    };

    public static JsonObject Of(Patient p) => new()
    {
        ["id"] = p.Id,
        ["mrn"] = p.Mrn,
        ["firstName"] = p.FirstName,
        ["lastName"] = p.LastName,
        ["fullName"] = $"{p.FirstName} {p.LastName}".Trim(),
        ["dateOfBirth"] = p.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["sex"] = p.Sex,
        ["phone"] = p.Phone,
        ["email"] = p.Email,
        ["updatedAt"] = p.UpdatedAt,
    };

    public static JsonObject Of(Bill b) => new()
    {
        ["id"] = b.Id,
        ["number"] = b.Number,
        ["currency"] = b.Currency,
        ["total"] = b.Total,
        ["createdAt"] = b.CreatedAt,
        ["items"] = new JsonArray([.. b.Items.OrderBy(i => i.Id).Select(i => (JsonNode)new JsonObject
        {
            ["testCode"] = i.TestCode,
            ["description"] = i.Description,
            ["quantity"] = i.Quantity,
            ["unitPrice"] = i.UnitPrice,
            ["amount"] = i.UnitPrice * i.Quantity,
        })]),
    };

    public static JsonObject Of(Sample s) => new()
    {
        ["id"] = s.Id,
        ["barcode"] = s.Barcode,
        ["type"] = s.Type,
        ["billId"] = s.BillId,
        ["collectedAt"] = s.CollectedAt,
        ["receivedAt"] = s.ReceivedAt,
    };

    public static JsonObject Of(Report r) => new()
    {
        ["id"] = r.Id,
        ["title"] = r.Title,
        ["findings"] = r.Findings,
        ["sampleId"] = r.SampleId,
        ["signedBy"] = r.SignedBy,
        ["signedAt"] = r.SignedAt,
        ["pdf"] = r.PdfSize is null ? null : new JsonObject { ["size"] = r.PdfSize, ["sha256"] = r.PdfSha256 },
    };

    /// <summary>Sample domain objects with every field filled, for template checks at save time.</summary>
    public static class Samples
    {
        public static readonly DateTimeOffset At = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

        public static Domain.Lab Lab { get; } = new() { Id = 1, Name = "Sample Lab", Code = "SAMPLE", CreatedAt = At };

        public static Patient Patient { get; } = new()
        {
            Id = 1, LabId = 1, Mrn = "MRN-0001", FirstName = "Asha", LastName = "Rao", DateOfBirth = new DateOnly(1985, 4, 2),
            Sex = "F", Phone = "+91-90000-00000", Email = "asha@example.org", CreatedAt = At, UpdatedAt = At,
        };

        public static Bill Bill { get; } = new()
        {
            Id = 1, LabId = 1, PatientId = 1, Number = "B-0001", Currency = "INR", Total = 850m, CreatedAt = At,
            Items = [new BillItem { Id = 1, BillId = 1, TestCode = "CBC", Description = "Complete blood count", Quantity = 1, UnitPrice = 850m }],
        };

        public static Sample Sample { get; } = new() { Id = 1, LabId = 1, PatientId = 1, BillId = 1, Barcode = "S-0001", Type = "Blood", CollectedAt = At, ReceivedAt = At };

        public static Report Report { get; } = new()
        {
            Id = 1, LabId = 1, PatientId = 1, SampleId = 1, Title = "Complete blood count", Findings = "Within normal limits.",
            SignedBy = "Dr. Sample", SignedAt = At, PdfSize = 1024, PdfSha256 = new string('0', 64), CreatedAt = At,
        };
    }
}
