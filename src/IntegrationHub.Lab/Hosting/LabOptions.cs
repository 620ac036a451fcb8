namespace IntegrationHub.Lab.Hosting;

/// <summary>Settings of the reference lab domain.</summary>
public sealed class LabOptions
{
    /// <summary>Folder for report PDFs (under <c>reports/</c>). Default: <c>data</c>.</summary>
    public string DataFolder { get; set; } = "data";
}
