using System.Data.Common;
using IntegrationHub.Lab.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IntegrationHub.Lab.Services;

/// <summary>
/// Writes many new patients in the current transaction with one prepared statement, and gives
/// each its id. EF Core's SQLite provider sends one command per row and tracks each entity, which
/// made a 1,000-row upload hold the single writer for about half a second on inserts alone; this
/// binds the same CLR values to the same parameters, so the rows read back as EF wrote them.
/// Table and column names come from the EF model.
/// </summary>
internal static class PatientBulkInsert
{
    public static async Task InsertAsync(LabDbContext db, IReadOnlyList<Patient> patients, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the business transaction (LabUnitOfWork).");
        var entity = db.Model.FindEntityType(typeof(Patient))!;
        string Column(string property) => '"' + entity.FindProperty(property)!.GetColumnName() + '"';
        (string Name, Func<Patient, object?> Value)[] columns =
        [
            (nameof(Patient.LabId), p => p.LabId),
            (nameof(Patient.Mrn), p => p.Mrn),
            (nameof(Patient.FirstName), p => p.FirstName),
            (nameof(Patient.LastName), p => p.LastName),
            (nameof(Patient.DateOfBirth), p => p.DateOfBirth),
            (nameof(Patient.Sex), p => p.Sex),
            (nameof(Patient.Phone), p => p.Phone),
            (nameof(Patient.Email), p => p.Email),
            (nameof(Patient.CreatedAt), p => p.CreatedAt),
            (nameof(Patient.UpdatedAt), p => p.UpdatedAt),
        ];

        await using DbCommand insert = transaction.Connection!.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"""
            INSERT INTO "{entity.GetTableName()}" ({string.Join(", ", columns.Select(c => Column(c.Name)))})
            VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})
            RETURNING {Column(nameof(Patient.Id))}
            """;
        // Each parameter made by the column's own type mapping, as EF Core makes it: typed before the
        // statement is prepared (a provider such as Npgsql needs the type, and a null tells it nothing),
        // and the value converted as EF would convert it.
        var parameters = columns.Select((c, i) =>
        {
            var parameter = entity.FindProperty(c.Name)!.GetRelationalTypeMapping().CreateParameter(insert, $"@p{i}", null, nullable: true);
            insert.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await insert.PrepareAsync(cancellationToken);
        foreach (var patient in patients)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                parameters[i].Value = columns[i].Value(patient) ?? DBNull.Value;
            }

            patient.Id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
