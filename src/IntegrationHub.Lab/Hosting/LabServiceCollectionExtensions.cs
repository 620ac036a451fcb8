using IntegrationHub.History;
using IntegrationHub.Lab.History;
using IntegrationHub.Configuration;
using IntegrationHub.Lab.Domain;
using IntegrationHub.Lab.Families;
using IntegrationHub.Lab.Pdf;
using IntegrationHub.Lab.Services;
using IntegrationHub.Logging;
using IntegrationHub.Trigger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Lab.Hosting;

public static class LabServiceCollectionExtensions
{
    /// <summary>
    /// Adds the reference lab: its EF Core database (SQLite, the same file as the hub so the outbox
    /// commits with the business change), its services and its four action families.
    /// </summary>
    public static IServiceCollection AddReferenceLab(this IServiceCollection services, string connectionString, string dataFolder, string synchronous = "NORMAL")
    {
        services.Configure<LabOptions>(o => o.DataFolder = dataFolder);
        services.AddDbContext<LabDbContext>(o => o
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmaInterceptor(synchronous)));
        services.AddSingleton<ReportPdfStore>();
        services.AddScoped<LabUnitOfWork>();
        services.AddScoped<IBusinessTransactionProbe, LabTransactionProbe>();
        services.AddScoped<LabService>();
        services.AddScoped<ILabDirectory>(sp => sp.GetRequiredService<LabService>());
        services.AddScoped<PatientService>();
        services.AddScoped<BillingService>();
        services.AddScoped<SampleService>();
        services.AddScoped<ReportService>();
        services.AddScoped<IEntityHistory, LabEntityHistory>();
        services.AddScoped<PatientFamily>();
        services.AddScoped<BillingFamily>();
        services.AddScoped<SampleFamily>();
        services.AddScoped<ReportFamily>();
        services.AddScoped<IActionFamily>(sp => sp.GetRequiredService<PatientFamily>());
        services.AddScoped<IActionFamily>(sp => sp.GetRequiredService<BillingFamily>());
        services.AddScoped<IActionFamily>(sp => sp.GetRequiredService<SampleFamily>());
        services.AddScoped<IActionFamily>(sp => sp.GetRequiredService<ReportFamily>());
        services.AddScoped<IdempotencyStore>();
        services.AddScoped<IdempotencyScope>();
        services.AddOptions<LabLimits>().BindConfiguration(LabLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
