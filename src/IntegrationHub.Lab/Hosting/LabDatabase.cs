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
/// Brings the lab's schema to this release by its provider's EF Core migrations (the provider
/// project's <c>Migrations/</c>, recorded in <see cref="HistoryTable"/>), in a database the hub's
/// own tables may already share. A database made before the lab had migrations (its tables created
/// from the model at start, no history) is first completed with the tables it lacks, then recorded
/// as at the first migration, and migrated on from there.
/// </summary>
public static class LabDatabase
{
    /// <summary>Where EF Core records the lab's applied migrations.</summary>
    public const string HistoryTable = "lab_migrations_history";

    /// <summary>The first migration, which every provider's migrations start with: the schema a database without history holds.</summary>
    public const string FirstMigration = "InitialLab";

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LabDbContext>();
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }

        var tables = scope.ServiceProvider.GetRequiredService<LabDatabaseTables>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var existing = await tables.ExistingAsync(db.Database.GetDbConnection(), cancellationToken);
            if (!Exists(existing, HistoryTable) && db.Model.GetEntityTypes().Any(e => e.GetTableName() is { } table && Exists(existing, table)))
            {
                await AdoptAsync(db, existing, cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    // A lab made before migrations: the tables the first migration would make and it lacks, then
    // the history saying the first migration is applied, in one transaction.
    private static async Task AdoptAsync(LabDbContext db, IReadOnlySet<string> existing, CancellationToken cancellationToken)
    {
        var first = db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal)
            .FirstOrDefault(id => id.EndsWith("_" + FirstMigration, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The lab's migrations have no {FirstMigration}: a database made before migrations cannot be adopted.");
        // The schema as the first migration left it (not this release's model): the later migrations then apply as to any database.
        var migrations = db.GetService<IMigrationsAssembly>();
        var target = migrations.CreateMigration(migrations.Migrations[first], db.Database.ProviderName!).TargetModel
            ?? throw new InvalidOperationException($"The lab's migration {first} has no target model.");
        if (target is IMutableModel mutable)
        {
            target = mutable.FinalizeModel();
        }

        var model = db.GetService<IModelRuntimeInitializer>().Initialize(target, designTime: true, validationLogger: null).GetRelationalModel();
        var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model)
            .Where(o => o switch
            {
                CreateTableOperation table => !Exists(existing, table.Name),
                CreateIndexOperation index => !Exists(existing, index.Table),
                _ => false,
            })
            .ToList();
        var history = db.GetService<IHistoryRepository>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var command in db.GetService<IMigrationsSqlGenerator>().Generate(operations, db.Model))
        {
            await db.Database.ExecuteSqlRawAsync(command.CommandText, cancellationToken);
        }

        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(first, ProductInfo.GetVersion())), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static bool Exists(IReadOnlySet<string> existing, string table) =>
        existing.Contains(table) || existing.Any(t => string.Equals(t, table, StringComparison.OrdinalIgnoreCase));
}
