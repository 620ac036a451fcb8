using IntegrationHub.Families;
using IntegrationHub.Hosting;
using IntegrationHub.Lab.Hosting;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Lab.Pdf;

/// <summary>
/// Signed report PDFs as files under the data folder, owner-only like everything there: the
/// database holds only their size and hash.
/// </summary>
public sealed class ReportPdfStore(IOptions<LabOptions> options)
{
    public string PathOf(long labId, long reportId) =>
        Path.Combine(options.Value.DataFolder, "reports", labId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{reportId}.pdf");

    public async Task SaveAsync(long labId, long reportId, byte[] pdf, CancellationToken cancellationToken)
    {
        var path = PathOf(labId, reportId);
        OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write }.OwnerOnly()))
        {
            await file.WriteAsync(pdf, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Opens the PDF for streaming, or null when the report has none.</summary>
    public AttachmentData? Open(long labId, long reportId)
    {
        var path = PathOf(labId, reportId);
        if (!File.Exists(path))
        {
            return null;
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        return new AttachmentData(stream, stream.Length, "application/pdf");
    }
}
