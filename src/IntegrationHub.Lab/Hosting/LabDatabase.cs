using IntegrationHub.Lab.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Lab.Hosting;

/// <summary>
/// Creates the lab's tables that are missing, whatever else the database file already holds: all
/// of them in a new file, and in an older file the tables added since it was made.
/// </summary>
public static class LabDatabase
{
    public static async Task EnsureCreatedAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LabDbContext>();
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }

        // EnsureCreated would skip a file that already has the hub's tables, and CreateTables would
        // fail on one that has some of ours: create exactly the tables the file lacks, with their indexes.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var existing = await scope.ServiceProvider.GetRequiredService<LabDatabaseTables>()
                .ExistingAsync(db.Database.GetDbConnection(), cancellationToken);
            var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
            var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model)
                .Where(o => o switch
                {
                    CreateTableOperation table => !Exists(existing, table.Name),
                    CreateIndexOperation index => !Exists(existing, index.Table),
                    _ => false,
                })
                .ToList();
            if (operations.Count == 0)
            {
                return;
            }

            var commands = db.GetService<IMigrationsSqlGenerator>().Generate(operations, db.Model);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var command in commands)
            {
                await db.Database.ExecuteSqlRawAsync(command.CommandText, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static bool Exists(IReadOnlySet<string> existing, string table) =>
        existing.Contains(table) || existing.Any(t => string.Equals(t, table, StringComparison.OrdinalIgnoreCase));
}
