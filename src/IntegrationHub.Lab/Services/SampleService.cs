using IntegrationHub.Actions;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Families;
using IntegrationHub.Lab.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Lab.Services;

/// <summary>Samples: registered at collection, then received at the lab, which raises Sample Receive (12).</summary>
public sealed class SampleService(LabDbContext db, LabUnitOfWork unitOfWork, SampleFamily family, TimeProvider time, IOptions<LabLimits> limits)
{
    public async Task<Sample> CreateAsync(long labId, SampleInput input, CancellationToken cancellationToken)
    {
        await LabGuard.RequireLabAsync(db, labId, cancellationToken);
        var problems = new InputProblems();
        if (!await db.Patients.AnyAsync(p => p.Id == input.PatientId && p.LabId == labId, cancellationToken))
        {
            problems.Add("patientId", $"Patient {input.PatientId} does not exist in lab {labId}.");
        }

        if (input.BillId is { } billId && !await db.Bills.AnyAsync(b => b.Id == billId && b.LabId == labId, cancellationToken))
        {
            problems.Add("billId", $"Bill {billId} does not exist in lab {labId}.");
        }

        problems.Required("barcode", input.Barcode, limits.Value.BarcodeMaxLength);
        problems.Required("type", input.Type, limits.Value.SampleTypeMaxLength, "e.g. Blood, Urine");
        if (problems.Count == 0 && await db.Samples.AnyAsync(s => s.LabId == labId && s.Barcode == input.Barcode!.Trim(), cancellationToken))
        {
            problems.Add("barcode", "This barcode is already used in this lab.");
        }

        problems.ThrowIfAny();
        var sample = new Sample
        {
            LabId = labId,
            PatientId = input.PatientId,
            BillId = input.BillId,
            Barcode = input.Barcode!.Trim(),
            Type = input.Type!.Trim(),
            CollectedAt = input.CollectedAt ?? time.StoredNow(),
        };
        db.Samples.Add(sample);
        await db.SaveChangesAsync(cancellationToken);
        return sample;
    }

    /// <summary>Marks a sample received; null when it does not exist.</summary>
    public async Task<Changed<Sample>?> ReceiveAsync(long labId, long sampleId, CancellationToken cancellationToken)
    {
        var sample = await db.Samples.FirstOrDefaultAsync(s => s.Id == sampleId && s.LabId == labId, cancellationToken);
        if (sample is null)
        {
            return null;
        }

        if (sample.ReceivedAt is not null)
        {
            throw LabValidationException.Of("id", $"Sample {sampleId} was already received at {sample.ReceivedAt:O}.");
        }

        return await unitOfWork.RunAsync(async ct =>
        {
            sample.ReceivedAt = time.StoredNow();
            await db.SaveChangesAsync(ct);
            var raised = await family.RaiseAsync(ActionId.SampleReceive, labId, sample.PatientId, sample.Id, "api", ct);
            return new Changed<Sample>(sample, raised.LogIds);
        }, cancellationToken);
    }
}
