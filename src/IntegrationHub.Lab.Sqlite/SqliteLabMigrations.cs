using IntegrationHub.Lab.Hosting;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace IntegrationHub.Lab.Sqlite;

/// <summary>Where the lab's SQLite migrations live (this assembly's <c>Migrations/</c>) and where EF records them.</summary>
internal static class SqliteLabMigrations
{
    public static void Configure(SqliteDbContextOptionsBuilder sqlite) =>
        sqlite.MigrationsAssembly(typeof(SqliteLabMigrations).Assembly.GetName().Name).MigrationsHistoryTable(LabDatabase.HistoryTable);
}
