using IntegrationHub.Lab.Hosting;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests;

/// <summary>The reference lab's schema comes from its provider's EF Core migrations, on either backend.</summary>
public sealed class LabMigrationsTests : HubTest
{
    [Fact]
    public async Task A_new_database_is_made_by_the_migrations_and_the_model_has_no_change_without_one()
    {
        var (known, applied, pending) = await Hub.LabAsync(async db =>
            (db.Database.GetMigrations().ToList(), (await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.HasPendingModelChanges()));

        Assert.NotEmpty(known);
        Assert.EndsWith("_" + LabDatabase.FirstMigration, known[0]);
        Assert.Equal(known, applied);

        // A change of the lab's model without its migration (dotnet ef migrations add, for each provider) fails here.
        Assert.False(pending, "the lab's model has changes no migration of this provider makes");
    }
}
