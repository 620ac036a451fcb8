using IntegrationHub.Lab.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IntegrationHub.Lab.Sqlite;

/// <summary>
/// The lab's context for <c>dotnet ef migrations add ... --project src/IntegrationHub.Lab.Sqlite</c>:
/// the SQLite provider with this assembly's migrations. Nothing connects to the file named here.
/// </summary>
internal sealed class DesignTimeLabContextFactory : IDesignTimeDbContextFactory<LabDbContext>
{
    public LabDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LabDbContext>().UseSqlite("Data Source=design-time.db", SqliteLabMigrations.Configure).Options);
}
