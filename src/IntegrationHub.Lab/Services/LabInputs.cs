namespace IntegrationHub.Lab.Services;

public sealed record LabInput(string Name, string Code);

public sealed record PatientInput
{
    public string? Mrn { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    /// <summary>M, F, O or U (default).</summary>
    public string? Sex { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }
}

public sealed record BillItemInput(string? TestCode, string? Description, int Quantity, decimal UnitPrice);

public sealed record BillInput
{
    public long PatientId { get; init; }

    /// <summary>Optional; generated when absent.</summary>
    public string? Number { get; init; }

    public string? Currency { get; init; }

    public List<BillItemInput> Items { get; init; } = [];
}

public sealed record SampleInput
{
    public long PatientId { get; init; }

    public long? BillId { get; init; }

    public string? Barcode { get; init; }

    public string? Type { get; init; }

    public DateTimeOffset? CollectedAt { get; init; }
}

public sealed record ReportInput
{
    public long PatientId { get; init; }

    public long? SampleId { get; init; }

    public string? Title { get; init; }

    public string? Findings { get; init; }
}

public sealed record SignInput(string? SignedBy);

/// <summary>A business change's entity and the deliveries its event queued.</summary>
public sealed record Changed<T>(T Entity, IReadOnlyList<string> DeliveryLogIds);
