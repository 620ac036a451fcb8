using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Families;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Lab.Services;

/// <summary>Patient registration and updates. The API and the CSV bulk upload both come through here, and so through the patient family.</summary>
public sealed class PatientService(LabDbContext db, LabUnitOfWork unitOfWork, PatientFamily family, TimeProvider time)
{
    public async Task<Changed<Patient>> RegisterAsync(long labId, PatientInput input, string source, CancellationToken cancellationToken)
    {
        await LabGuard.RequireLabAsync(db, labId, cancellationToken);
        ThrowIfInvalid(PatientRules.Check(input, Today()));
        return await unitOfWork.RunAsync(ct => RegisterInTransactionAsync(labId, input, source, ct), cancellationToken);
    }

    /// <summary>Registers inside the caller's unit of work; public so a larger change (a bulk upload) can include it.</summary>
    public async Task<Changed<Patient>> RegisterInTransactionAsync(long labId, PatientInput input, string source, CancellationToken cancellationToken)
    {
        if (await db.Patients.AnyAsync(p => p.LabId == labId && p.Mrn == input.Mrn!.Trim(), cancellationToken))
        {
            throw LabValidationException.Of("mrn", $"A patient with MRN '{input.Mrn}' already exists in lab {labId}.");
        }

        var now = time.GetUtcNow();
        var patient = new Patient { LabId = labId, CreatedAt = now, UpdatedAt = now };
        PatientRules.Apply(input, patient);
        db.Patients.Add(patient);
        await db.SaveChangesAsync(cancellationToken);
        var raised = await family.RaiseAsync(ActionId.PatientRegistration, labId, patient.Id, source, cancellationToken);
        return new Changed<Patient>(patient, raised.LogIds);
    }

    public async Task<Changed<Patient>?> UpdateAsync(long labId, long patientId, PatientInput input, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId && p.LabId == labId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        ThrowIfInvalid(PatientRules.Check(input, Today()));
        if (await db.Patients.AnyAsync(p => p.LabId == labId && p.Mrn == input.Mrn!.Trim() && p.Id != patientId, cancellationToken))
        {
            throw LabValidationException.Of("mrn", $"Another patient already has MRN '{input.Mrn}' in lab {labId}.");
        }

        return await unitOfWork.RunAsync(async ct =>
        {
            PatientRules.Apply(input, patient);
            patient.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            var raised = await family.RaiseAsync(ActionId.PatientUpdate, labId, patient.Id, "api", ct);
            return new Changed<Patient>(patient, raised.LogIds);
        }, cancellationToken);
    }

    /// <summary>
    /// Registers every patient of a CSV file (header: mrn,firstName,lastName,dateOfBirth,sex,phone,email),
    /// all or nothing: any bad row rejects the whole file with the row numbers, and nothing is written.
    /// </summary>
    public async Task<IReadOnlyList<Changed<Patient>>> BulkRegisterAsync(long labId, string csv, CancellationToken cancellationToken)
    {
        await LabGuard.RequireLabAsync(db, labId, cancellationToken);
        var rows = PatientCsv.Parse(csv);
        var problems = new List<ValidationProblem>();
        foreach (var row in rows)
        {
            problems.AddRange(row.Problems);
            problems.AddRange(PatientRules.Check(row.Input, Today(), $"row {row.Line}: "));
        }

        foreach (var duplicate in rows.GroupBy(r => r.Input.Mrn?.Trim()).Where(g => g.Key is not null && g.Count() > 1))
        {
            problems.Add(new ValidationProblem($"row {duplicate.Skip(1).First().Line}: mrn", $"MRN '{duplicate.Key}' appears more than once in the file."));
        }

        ThrowIfInvalid(problems);
        return await unitOfWork.RunAsync(async ct =>
        {
            var registered = new List<Changed<Patient>>(rows.Count);
            foreach (var row in rows)
            {
                registered.Add(await RegisterInTransactionAsync(labId, row.Input, "bulk", ct));
            }

            return (IReadOnlyList<Changed<Patient>>)registered;
        }, cancellationToken);
    }

    /// <summary>Deletes a patient who has no bills, samples or reports; false when there is no such patient.</summary>
    public async Task<bool> DeleteAsync(long labId, long patientId, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == patientId && p.LabId == labId, cancellationToken);
        if (patient is null)
        {
            return false;
        }

        if (await db.Bills.AnyAsync(b => b.PatientId == patientId, cancellationToken)
            || await db.Samples.AnyAsync(s => s.PatientId == patientId, cancellationToken)
            || await db.Reports.AnyAsync(r => r.PatientId == patientId, cancellationToken))
        {
            throw LabValidationException.Of("id", $"Patient {patientId} has bills, samples or reports and cannot be deleted.");
        }

        db.Patients.Remove(patient);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static void ThrowIfInvalid(List<ValidationProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new LabValidationException(problems);
        }
    }
}
