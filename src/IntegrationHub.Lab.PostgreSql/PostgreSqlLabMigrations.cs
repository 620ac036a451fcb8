using IntegrationHub.Lab.Hosting;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace IntegrationHub.Lab.PostgreSql;

/// <summary>Where the lab's PostgreSQL migrations live (this assembly's <c>Migrations/</c>) and where EF records them.</summary>
internal static class PostgreSqlLabMigrations
{
    public static void Configure(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsAssembly(typeof(PostgreSqlLabMigrations).Assembly.GetName().Name).MigrationsHistoryTable(LabDatabase.HistoryTable);
}
