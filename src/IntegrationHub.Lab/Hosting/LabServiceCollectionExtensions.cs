using IntegrationHub.Actions;
using IntegrationHub.History;
using IntegrationHub.Lab.History;
using IntegrationHub.Configuration;
using IntegrationHub.Families;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Families;
using IntegrationHub.Lab.Pdf;
using IntegrationHub.Lab.Services;
using IntegrationHub.Logging;
using IntegrationHub.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Lab.Hosting;

public static class LabServiceCollectionExtensions
{
    /// <summary>
    /// Adds the reference lab: its services and its four action families, on EF Core relational.
    /// Choose its database on the builder (<c>.UseSqlite(...)</c>): the hub's own storage database,
    /// so the outbox commits with the business change.
    /// </summary>
    public static ReferenceLabBuilder AddReferenceLab(this IServiceCollection services, string dataFolder)
    {
        services.AddOptions<LabOptions>().Configure(o => o.DataFolder = dataFolder)
            .Validate<IServiceProvider>(
                (_, provider) => provider.GetService<StorageCapabilities>() is not { JoinsBusinessTransaction: false },
                "The reference lab raises its events inside its own transactions, so it needs a storage backend whose outbox joins them; " +
                "the one chosen by IntegrationHub:Storage:Provider does not.")
            .ValidateOnStart();
        services.AddSingleton<ReportPdfStore>();
        services.AddScoped<LabUnitOfWork>();
        services.AddScoped<IBusinessTransactionProbe, LabTransactionProbe>();
        services.AddScoped<LabService>();
        services.AddScoped<ILabDirectory>(sp => sp.GetRequiredService<LabService>());
        services.AddScoped<ILabAdministration>(sp => sp.GetRequiredService<LabService>());
        services.AddScoped<PatientService>();
        services.AddScoped<BillingService>();
        services.AddScoped<SampleService>();
        services.AddScoped<ReportService>();
        services.AddScoped<IEntityHistory, LabEntityHistory>();
        services.AddScoped<IEntitySearch, LabEntitySearch>();
        services.AddActionFamily<PatientFamily>(ActionFamily.Patient);
        services.AddActionFamily<BillingFamily>(ActionFamily.Billing);
        services.AddActionFamily<SampleFamily>(ActionFamily.Sample);
        services.AddActionFamily<ReportFamily>(ActionFamily.Report);
        services.AddScoped<IdempotencyStore>();
        services.AddScoped<IdempotencyScope>();
        services.AddOptions<LabLimits>().BindConfiguration(LabLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return new ReferenceLabBuilder(services);
    }
}
