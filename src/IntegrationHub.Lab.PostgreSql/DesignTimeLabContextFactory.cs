using IntegrationHub.Lab.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IntegrationHub.Lab.PostgreSql;

/// <summary>
/// The lab's context for <c>dotnet ef migrations add ... --project src/IntegrationHub.Lab.PostgreSql</c>:
/// the Npgsql provider with this assembly's migrations. Nothing connects to the server named here.
/// </summary>
internal sealed class DesignTimeLabContextFactory : IDesignTimeDbContextFactory<LabDbContext>
{
    public LabDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LabDbContext>().UseNpgsql("Host=localhost;Database=design_time", PostgreSqlLabMigrations.Configure).Options);
}
