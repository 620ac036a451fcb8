using System.Security.Cryptography;
using IntegrationHub.Actions;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Families;
using IntegrationHub.Lab.Pdf;
using IntegrationHub.Lab.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Lab.Services;

/// <summary>Reports: drafted, then signed, which renders the PDF and raises Report Signed (15).</summary>
public sealed class ReportService(LabDbContext db, LabUnitOfWork unitOfWork, ReportFamily family, ReportPdfStore pdfs, TimeProvider time, IOptions<LabLimits> limits)
{
    public async Task<Report> CreateAsync(long labId, ReportInput input, CancellationToken cancellationToken)
    {
        await LabGuard.RequireLabAsync(db, labId, cancellationToken);
        var problems = new InputProblems();
        problems.Required("title", input.Title, limits.Value.ReportTitleMaxLength);
        problems.Optional("findings", input.Findings, limits.Value.FindingsMaxLength);
        if (!await db.Patients.AnyAsync(p => p.Id == input.PatientId && p.LabId == labId, cancellationToken))
        {
            problems.Add("patientId", $"Patient {input.PatientId} does not exist in lab {labId}.");
        }

        if (input.SampleId is { } sampleId && !await db.Samples.AnyAsync(s => s.Id == sampleId && s.LabId == labId && s.PatientId == input.PatientId, cancellationToken))
        {
            problems.Add("sampleId", $"Sample {sampleId} does not exist for this patient in lab {labId}.");
        }

        problems.ThrowIfAny();
        var report = new Report
        {
            LabId = labId,
            PatientId = input.PatientId,
            SampleId = input.SampleId,
            Title = input.Title!.Trim(),
            Findings = input.Findings ?? "",
            CreatedAt = time.StoredNow(),
        };
        db.Reports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    /// <summary>Signs a report and renders its PDF; null when it does not exist.</summary>
    public async Task<Changed<Report>?> SignAsync(long labId, long reportId, SignInput input, CancellationToken cancellationToken)
    {
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == reportId && r.LabId == labId, cancellationToken);
        if (report is null)
        {
            return null;
        }

        var problems = new InputProblems();
        problems.Required("signedBy", input.SignedBy, limits.Value.SignerMaxLength, "the name of the signing pathologist");
        problems.ThrowIfAny();
        if (report.SignedAt is not null)
        {
            throw LabValidationException.Of("id", $"Report {reportId} is already signed.");
        }

        var lab = await db.Labs.AsNoTracking().FirstAsync(l => l.Id == labId, cancellationToken);
        var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == report.PatientId, cancellationToken);
        var sample = report.SampleId is { } sampleId ? await db.Samples.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sampleId, cancellationToken) : null;
        report.SignedBy = input.SignedBy!.Trim();
        report.SignedAt = time.StoredNow();
        var pdf = ReportPdfWriter.Write(lab, patient, report, sample);
        report.PdfSize = pdf.Length;
        report.PdfSha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));

        // The file is written before the commit: a rolled-back signature leaves an orphan file, never a signed report without its PDF.
        await pdfs.SaveAsync(labId, reportId, pdf, cancellationToken);
        return await unitOfWork.RunAsync(async ct =>
        {
            await db.SaveChangesAsync(ct);
            var raised = await family.RaiseAsync(ActionId.ReportSigned, labId, report.PatientId, report.Id, report.SampleId, "api", ct);
            return new Changed<Report>(report, raised.LogIds);
        }, cancellationToken);
    }
}
