using System.Globalization;
using IntegrationHub.Lab.Domain;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace IntegrationHub.Lab.Pdf;

/// <summary>Renders a signed report as a PDF (PdfPig, standard Helvetica: no font files needed).</summary>
public static class ReportPdfWriter
{
    private const double Left = 50;
    private const double Top = 790;
    private const double Bottom = 60;
    private const double LineHeight = 14;
    private const int WrapColumns = 95;

    public static byte[] Write(Domain.Lab lab, Patient patient, Report report, Sample? sample)
    {
        using var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        var page = builder.AddPage(PageSize.A4);
        var y = Top;

        void Line(string text, PdfDocumentBuilder.AddedFont font, double size = 10)
        {
            if (y < Bottom)
            {
                page = builder.AddPage(PageSize.A4);
                y = Top;
            }

            page.AddText(Printable(text), size, new PdfPoint(Left, y), font);
            y -= LineHeight * size / 10;
        }

        Line(lab.Name, bold, 16);
        Line($"Lab code {lab.Code}", regular);
        y -= LineHeight;
        Line(report.Title, bold, 13);
        Line($"Report #{report.Id}    Signed by {report.SignedBy} on {report.SignedAt:yyyy-MM-dd HH:mm} UTC", regular);
        Line($"Patient: {patient.FirstName} {patient.LastName}    MRN {patient.Mrn}    DOB {patient.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}    Sex {patient.Sex}", regular);
        if (sample is not null)
        {
            Line($"Sample {sample.Barcode} ({sample.Type}), collected {sample.CollectedAt:yyyy-MM-dd HH:mm} UTC", regular);
        }

        y -= LineHeight;
        Line("Findings", bold, 12);
        foreach (var line in Wrap(report.Findings))
        {
            Line(line, regular);
        }

        return builder.Build();
    }

    private static IEnumerable<string> Wrap(string text)
    {
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var rest = paragraph;
            if (rest.Length == 0)
            {
                yield return "";
            }

            while (rest.Length > 0)
            {
                var cut = rest.Length <= WrapColumns ? rest.Length : rest.LastIndexOf(' ', WrapColumns) is var space && space > 0 ? space : WrapColumns;
                yield return rest[..cut];
                rest = rest[cut..].TrimStart();
            }
        }
    }

    // Standard 14 fonts cover Latin-1; anything else (a name like "Ōkubo", a signer, a title) is
    // shown as '?' rather than failing the signature.
    private static string Printable(string text) =>
        new([.. text.Select(c => c is >= ' ' and <= '~' or >= '\u00A0' and <= '\u00FF' ? c : '?')]);
}
