using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Lab.Hosting;

/// <summary>
/// The largest input the reference lab accepts, bound from the <c>IntegrationHub:LabLimits</c>
/// configuration section. Every free-text field has a maximum, checked before any work is done,
/// so one oversized value cannot hold memory, the PDF renderer or the database writer. A value
/// over its limit is answered 400 naming the field and the limit (never the value); a body over
/// its limit is answered 413 before it is read.
/// </summary>
public sealed class LabLimits
{
    public const string Section = "IntegrationHub:LabLimits";

    /// <summary>Lab name, in characters. Default: 200.</summary>
    [Range(1, 10_000)]
    public int LabNameMaxLength { get; set; } = 200;

    /// <summary>Lab code, in characters. Default: 32 (a short code such as <c>CITY-01</c>).</summary>
    [Range(1, 1_000)]
    public int LabCodeMaxLength { get; set; } = 32;

    /// <summary>Patient MRN, in characters. Default: 64.</summary>
    [Range(1, 1_000)]
    public int MrnMaxLength { get; set; } = 64;

    /// <summary>Patient first name and last name, each, in characters. Default: 100.</summary>
    [Range(1, 10_000)]
    public int PatientNameMaxLength { get; set; } = 100;

    /// <summary>Patient phone number, in characters. Default: 32.</summary>
    [Range(1, 1_000)]
    public int PhoneMaxLength { get; set; } = 32;

    /// <summary>Patient e-mail address, in characters. Default: 200.</summary>
    [Range(1, 10_000)]
    public int EmailMaxLength { get; set; } = 200;

    /// <summary>Bill number, in characters. Default: 64.</summary>
    [Range(1, 1_000)]
    public int BillNumberMaxLength { get; set; } = 64;

    /// <summary>Bill currency, in characters. Default: 3 (an ISO 4217 code such as <c>INR</c>).</summary>
    [Range(1, 100)]
    public int CurrencyMaxLength { get; set; } = 3;

    /// <summary>Items on one bill. Default: 500.</summary>
    [Range(1, 100_000)]
    public int MaxBillItems { get; set; } = 500;

    /// <summary>A bill item's test code, in characters. Default: 32.</summary>
    [Range(1, 1_000)]
    public int TestCodeMaxLength { get; set; } = 32;

    /// <summary>A bill item's description, in characters. Default: 200.</summary>
    [Range(1, 10_000)]
    public int ItemDescriptionMaxLength { get; set; } = 200;

    /// <summary>
    /// Largest unit price, item amount (quantity × unit price) and bill total. Default: 1,000,000,000,000.
    /// Amounts are stored as SQLite REAL (a double): beyond about 10^13 they would lose their cents,
    /// and a decimal product could overflow.
    /// </summary>
    [Range(typeof(decimal), "1", "10000000000000")]
    public decimal MaxAmount { get; set; } = 1_000_000_000_000m;

    /// <summary>Sample barcode, in characters. Default: 64.</summary>
    [Range(1, 1_000)]
    public int BarcodeMaxLength { get; set; } = 64;

    /// <summary>Sample type (Blood, Urine, ...), in characters. Default: 64.</summary>
    [Range(1, 1_000)]
    public int SampleTypeMaxLength { get; set; } = 64;

    /// <summary>Report title, in characters. Default: 200.</summary>
    [Range(1, 10_000)]
    public int ReportTitleMaxLength { get; set; } = 200;

    /// <summary>Report findings, in characters. Default: 65,536 (64 Ki; some twenty pages of PDF).</summary>
    [Range(1, 16 * 1024 * 1024)]
    public int FindingsMaxLength { get; set; } = 64 * 1024;

    /// <summary>The signing pathologist's name, in characters. Default: 200.</summary>
    [Range(1, 10_000)]
    public int SignerMaxLength { get; set; } = 200;

    /// <summary>
    /// Patients in one bulk CSV upload. Default: 1,000. The upload is one transaction (all rows or
    /// none), so this bounds how long it holds the database's single writer; split larger files.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxCsvRows { get; set; } = 1_000;

    /// <summary>One field of the bulk CSV, in characters; a longer one is refused as soon as it is read. Default: 1,024.</summary>
    [Range(16, 1024 * 1024)]
    public int MaxCsvFieldLength { get; set; } = 1_024;

    /// <summary>Request body of the lab's JSON routes, in bytes. Default: 1 MiB.</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Request body of the bulk CSV upload, in bytes. Default: 4 MiB (1,000 full rows fit well within it).</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxCsvBodyBytes { get; set; } = 4 * 1024 * 1024;
}
