using IntegrationHub.History;
using IntegrationHub.Lab.Domain;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Lab.History;

/// <summary>
/// The reference lab's search box: a patient by MRN or by name ("first last", or the last name
/// alone), a sample by barcode, a bill by number, a report by title. Every look-up is an equality
/// on an indexed column (names and titles on their search keys), so it costs the same at a million rows.
/// </summary>
public sealed class LabEntitySearch(LabDbContext db) : IEntitySearch
{
    public async Task<IReadOnlyList<EntityMatch>> FindAsync(string text, IReadOnlyCollection<long>? labIds, int limit, CancellationToken cancellationToken)
    {
        var labs = labIds?.ToArray();
        var key = SearchKeys.Of(text);
        var upper = text.ToUpperInvariant();
        var found = new List<EntityMatch>();

        var byMrn = await Scoped(db.Patients.AsNoTracking(), labs).Where(p => p.Mrn == text || p.Mrn == upper).Take(limit).ToListAsync(cancellationToken);
        found.AddRange(byMrn.Select(p => new EntityMatch(p.LabId, EntityKind.Patient, p.Id, "MRN", $"{p.FirstName} {p.LastName} (MRN {p.Mrn})")));
        var samples = await db.Samples.AsNoTracking().Where(s => (labs == null || labs.Contains(s.LabId)) && (s.Barcode == text || s.Barcode == upper)).Take(limit).ToListAsync(cancellationToken);
        found.AddRange(samples.Select(s => new EntityMatch(s.LabId, EntityKind.Sample, s.Id, "barcode", $"{s.Type} sample {s.Barcode}")));
        var bills = await db.Bills.AsNoTracking().Where(b => (labs == null || labs.Contains(b.LabId)) && (b.Number == text || b.Number == upper)).Take(limit).ToListAsync(cancellationToken);
        found.AddRange(bills.Select(b => new EntityMatch(b.LabId, EntityKind.Bill, b.Id, "bill number", $"Bill {b.Number}")));
        if (key.Length > 0)
        {
            var byName = await Scoped(db.Patients.AsNoTracking(), labs).Where(p => p.NameKey == key || p.LastNameKey == key).OrderByDescending(p => p.Id).Take(limit).ToListAsync(cancellationToken);
            found.AddRange(byName.Select(p => new EntityMatch(p.LabId, EntityKind.Patient, p.Id, "name", $"{p.FirstName} {p.LastName} (MRN {p.Mrn})")));
            var reports = await db.Reports.AsNoTracking().Where(r => (labs == null || labs.Contains(r.LabId)) && r.TitleKey == key).OrderByDescending(r => r.Id).Take(limit).ToListAsync(cancellationToken);
            found.AddRange(reports.Select(r => new EntityMatch(r.LabId, EntityKind.Report, r.Id, "report title", $"Report {r.Title}")));
        }

        return [.. found.DistinctBy(e => (e.Kind, e.Id)).Take(limit)];
    }

    private static IQueryable<Patient> Scoped(IQueryable<Patient> patients, long[]? labs) =>
        labs is null ? patients : patients.Where(p => labs.Contains(p.LabId));
}
