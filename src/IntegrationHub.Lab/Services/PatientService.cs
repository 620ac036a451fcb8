using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Families;
using IntegrationHub.Lab.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Lab.Services;

/// <summary>Patient registration and updates. The API and the CSV bulk upload both come through here, and so through the patient family.</summary>
public sealed class PatientService(LabDbContext db, LabUnitOfWork unitOfWork, PatientFamily family, TimeProvider time, IOptions<LabLimits> limits)
{
    private const string MrnTaken = "A patient with this MRN already exists in this lab.";

    public async Task<Changed<Patient>> RegisterAsync(long labId, PatientInput input, string source, CancellationToken cancellationToken)
    {
        await LabGuard.RequireLabAsync(db, labId, cancellationToken);
        ThrowIfInvalid(PatientRules.Check(input, Today(), limits.Value));
        return await unitOfWork.RunAsync(ct => RegisterInTransactionAsync(labId, input, source, ct), cancellationToken);
    }

    /// <summary>Registers inside the caller's unit of work; public so a larger change can include it.</summary>
    public async Task<Changed<Patient>> RegisterInTransactionAsync(long labId, PatientInput input, string source, CancellationToken cancellationToken)
    {
        if (await db.Patients.AnyAsync(p => p.LabId == labId && p.Mrn == input.Mrn!.Trim(), cancellationToken))
        {
            throw LabValidationException.Of("mrn", MrnTaken);
        }

        var now = time.StoredNow();
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

        ThrowIfInvalid(PatientRules.Check(input, Today(), limits.Value));

        if (await db.Patients.AnyAsync(p => p.LabId == labId && p.Mrn == input.Mrn!.Trim() && p.Id != patientId, cancellationToken))
        {
            throw LabValidationException.Of("mrn", "Another patient of this lab already has this MRN.");
        }

        return await unitOfWork.RunAsync(async ct =>
        {
            PatientRules.Apply(input, patient);
            patient.UpdatedAt = time.StoredNow();
            await db.SaveChangesAsync(ct);
            var raised = await family.RaiseAsync(ActionId.PatientUpdate, labId, patient.Id, "api", ct);
            return new Changed<Patient>(patient, raised.LogIds);
        }, cancellationToken);
    }

    /// <summary>
    /// Registers every patient of a CSV file (header: mrn,firstName,lastName,dateOfBirth,sex,phone,email),
    /// all or nothing: any bad row rejects the whole file with the row numbers, and nothing is written.
    /// Everything that can be done before the transaction is (parsing, checks, the rows themselves);
    /// inside it, one query for taken MRNs, batched inserts and the events, so other writers (other
    /// labs included) wait on the database's single writer for as short a time as possible.
    /// </summary>
    public async Task<IReadOnlyList<Changed<Patient>>> BulkRegisterAsync(long labId, string csv, CancellationToken cancellationToken)
    {
        await LabGuard.RequireLabAsync(db, labId, cancellationToken);
        var rows = PatientCsv.Parse(csv, limits.Value);
        var problems = new List<ValidationProblem>();
        foreach (var row in rows)
        {
            problems.AddRange(row.Problems);
            problems.AddRange(PatientRules.Check(row.Input, Today(), limits.Value, $"row {row.Line}: "));
        }

        foreach (var duplicate in rows.GroupBy(r => r.Input.Mrn?.Trim()).Where(g => !string.IsNullOrEmpty(g.Key) && g.Count() > 1))
        {
            problems.Add(new ValidationProblem($"row {duplicate.Skip(1).First().Line}: mrn", $"The MRN of row {duplicate.First().Line} again: each patient appears once in the file."));
        }

        ThrowIfInvalid(problems);
        var lab = await db.Labs.AsNoTracking().FirstAsync(l => l.Id == labId, cancellationToken);
        var now = time.StoredNow();
        var patients = rows.ConvertAll(row =>
        {
            var patient = new Patient { LabId = labId, CreatedAt = now, UpdatedAt = now };
            PatientRules.Apply(row.Input, patient);
            return patient;
        });

        return await unitOfWork.RunAsync(async ct =>
        {
            await RefuseTakenMrnsAsync(labId, rows, patients, ct);
            await PatientBulkInsert.InsertAsync(db, patients, ct);
            var raised = await family.RaiseManyAsync(ActionId.PatientRegistration, lab, patients, "bulk", ct);
            return (IReadOnlyList<Changed<Patient>>)[.. patients.Select((p, i) => new Changed<Patient>(p, raised[i].LogIds))];
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

    /// <summary>One query for every MRN of the file, inside the transaction so no registration can slip in between.</summary>
    private async Task RefuseTakenMrnsAsync(long labId, List<PatientCsv.Row> rows, List<Patient> patients, CancellationToken cancellationToken)
    {
        var mrns = patients.ConvertAll(p => p.Mrn);
        var taken = (await db.Patients.AsNoTracking().Where(p => p.LabId == labId && mrns.Contains(p.Mrn)).Select(p => p.Mrn).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        ThrowIfInvalid([.. rows.Where((_, i) => taken.Contains(patients[i].Mrn)).Select(r => new ValidationProblem($"row {r.Line}: mrn", MrnTaken))]);
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static void ThrowIfInvalid(IReadOnlyList<ValidationProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new LabValidationException(problems);
        }
    }
}
