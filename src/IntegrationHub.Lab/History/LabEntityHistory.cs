using IntegrationHub.History;
using IntegrationHub.Lab.Domain;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Lab.History;

/// <summary>
/// The reference lab's entity timelines, read from its own tables: a patient's registration and
/// its bills, samples and reports; a bill and its samples; a sample and its reports; a report, its
/// signature and the partners' receipts.
/// </summary>
public sealed class LabEntityHistory(LabDbContext db) : IEntityHistory
{
    public async Task<IReadOnlyList<EntityEvent>?> GetAsync(long labId, EntityKind kind, long id, CancellationToken cancellationToken)
    {
        var events = new List<EntityEvent>();
        var found = kind switch
        {
            EntityKind.Patient => await PatientAsync(labId, id, events, cancellationToken),
            EntityKind.Bill => await BillAsync(labId, id, events, cancellationToken),
            EntityKind.Sample => await SampleAsync(labId, id, events, cancellationToken),
            _ => await ReportAsync(labId, id, events, cancellationToken),
        };
        return found ? [.. events.OrderBy(e => e.At)] : null;
    }

    private async Task<bool> PatientAsync(long labId, long id, List<EntityEvent> events, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.LabId == labId, ct);
        if (patient is null)
        {
            return false;
        }

        events.Add(new(patient.CreatedAt, "Patient registered", EntityKind.Patient, id, $"MRN {patient.Mrn}"));
        if (patient.UpdatedAt > patient.CreatedAt)
        {
            events.Add(new(patient.UpdatedAt, "Patient updated (latest)", EntityKind.Patient, id, null));
        }

        foreach (var bill in await db.Bills.AsNoTracking().Where(b => b.PatientId == id && b.LabId == labId).ToListAsync(ct))
        {
            AddBill(events, bill);
        }

        foreach (var sample in await db.Samples.AsNoTracking().Where(s => s.PatientId == id && s.LabId == labId).ToListAsync(ct))
        {
            AddSample(events, sample);
        }

        foreach (var report in await db.Reports.AsNoTracking().Include(r => r.Deliveries).Where(r => r.PatientId == id && r.LabId == labId).ToListAsync(ct))
        {
            AddReport(events, report);
        }

        return true;
    }

    private async Task<bool> BillAsync(long labId, long id, List<EntityEvent> events, CancellationToken ct)
    {
        var bill = await db.Bills.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id && b.LabId == labId, ct);
        if (bill is null)
        {
            return false;
        }

        AddBill(events, bill);
        foreach (var sample in await db.Samples.AsNoTracking().Where(s => s.BillId == id && s.LabId == labId).ToListAsync(ct))
        {
            AddSample(events, sample);
        }

        return true;
    }

    private async Task<bool> SampleAsync(long labId, long id, List<EntityEvent> events, CancellationToken ct)
    {
        var sample = await db.Samples.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.LabId == labId, ct);
        if (sample is null)
        {
            return false;
        }

        AddSample(events, sample);
        foreach (var report in await db.Reports.AsNoTracking().Include(r => r.Deliveries).Where(r => r.SampleId == id && r.LabId == labId).ToListAsync(ct))
        {
            AddReport(events, report);
        }

        return true;
    }

    private async Task<bool> ReportAsync(long labId, long id, List<EntityEvent> events, CancellationToken ct)
    {
        var report = await db.Reports.AsNoTracking().Include(r => r.Deliveries).FirstOrDefaultAsync(r => r.Id == id && r.LabId == labId, ct);
        if (report is null)
        {
            return false;
        }

        AddReport(events, report);
        return true;
    }

    private static void AddBill(List<EntityEvent> events, Bill bill) =>
        events.Add(new(bill.CreatedAt, "Bill generated", EntityKind.Bill, bill.Id, $"{bill.Number}, {bill.Total} {bill.Currency}"));

    private static void AddSample(List<EntityEvent> events, Sample sample)
    {
        events.Add(new(sample.CollectedAt, "Sample collected", EntityKind.Sample, sample.Id, $"{sample.Type} {sample.Barcode}"));
        if (sample.ReceivedAt is { } received)
        {
            events.Add(new(received, "Sample received", EntityKind.Sample, sample.Id, sample.Barcode));
        }
    }

    private static void AddReport(List<EntityEvent> events, Report report)
    {
        events.Add(new(report.CreatedAt, "Report created", EntityKind.Report, report.Id, report.Title));
        if (report.SignedAt is { } signed)
        {
            events.Add(new(signed, "Report signed", EntityKind.Report, report.Id, $"by {report.SignedBy}"));
        }

        foreach (var delivery in report.Deliveries)
        {
            var outcome = delivery.Succeeded ? $"received by {delivery.IntegrationName}" : $"not delivered to {delivery.IntegrationName}";
            events.Add(new(delivery.At, "Report " + outcome, EntityKind.Report, report.Id,
                delivery.PartnerReference is { } reference ? $"partner reference {reference}" : null, delivery.LogId, delivery.Succeeded));
        }
    }
}
