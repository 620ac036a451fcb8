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

    /// <summary>Characters on a line at 10 pt; larger sizes take proportionally fewer.</summary>
    private const int WrapColumns = 95;

    public static byte[] Write(Domain.Lab lab, Patient patient, Report report, Sample? sample)
    {
        using var builder = new PdfDocumentBuilder();
        var fonts = new Dictionary<Standard14Font, PdfDocumentBuilder.AddedFont>
        {
            [Standard14Font.Helvetica] = builder.AddStandard14Font(Standard14Font.Helvetica),
            [Standard14Font.HelveticaBold] = builder.AddStandard14Font(Standard14Font.HelveticaBold),
        };
        const Standard14Font regular = Standard14Font.Helvetica;
        const Standard14Font bold = Standard14Font.HelveticaBold;
        var page = builder.AddPage(PageSize.A4);
        var y = Top;

        // The one way text reaches the page: wrapped to the width, then made printable in its font.
        void Text(string text, Standard14Font font, double size = 10)
        {
            foreach (var line in PdfText.Wrap(text, (int)(WrapColumns * 10 / size)))
            {
                if (y < Bottom)
                {
                    page = builder.AddPage(PageSize.A4);
                    y = Top;
                }

                page.AddText(PdfText.Printable(line, font), size, new PdfPoint(Left, y), fonts[font]);
                y -= LineHeight * size / 10;
            }
        }

        Text(lab.Name, bold, 16);
        Text($"Lab code {lab.Code}", regular);
        y -= LineHeight;
        Text(report.Title, bold, 13);
        Text($"Report #{report.Id}    Signed by {report.SignedBy} on {report.SignedAt:yyyy-MM-dd HH:mm} UTC", regular);
        Text($"Patient: {patient.FirstName} {patient.LastName}    MRN {patient.Mrn}    DOB {patient.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}    Sex {patient.Sex}", regular);
        if (sample is not null)
        {
            Text($"Sample {sample.Barcode} ({sample.Type}), collected {sample.CollectedAt:yyyy-MM-dd HH:mm} UTC", regular);
        }

        y -= LineHeight;
        Text("Findings", bold, 12);
        Text(report.Findings, regular);
        return builder.Build();
    }
}
