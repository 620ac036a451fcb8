using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IntegrationHub.Contracts;

/// <summary>What every <see cref="IIntegrationConfigStore"/> must do; a fresh, empty store per test.</summary>
public abstract partial class IntegrationConfigStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(T0);

    protected IIntegrationConfigStore Store { get; private set; } = null!;

    /// <summary>A new, empty store that reads the clock from <paramref name="time"/>.</summary>
    protected abstract Task<IIntegrationConfigStore> CreateStoreAsync(FakeTimeProvider time);

    /// <summary>Removes what <see cref="CreateStoreAsync"/> created.</summary>
    protected abstract Task DeleteStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync(Time);

    public Task DisposeAsync() => DeleteStoreAsync();

    /// <summary>An integration with every field set to a non-default value.</summary>
    protected static LabIntegration Sample(long labId = 1, ActionId actionId = ActionId.PatientRegistration, bool active = true, string name = "City Hospital EMR") => new()
    {
        LabId = labId,
        ActionId = actionId,
        Name = name,
        Vendor = "Epic",
        Url = "https://emr.example/api/patients",
        Method = "PUT",
        Headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Tenant"] = "city", ["X-Secret"] = "s3cret" },
        SecretHeaders = ["X-Secret"],
        Auth = new AuthSettings
        {
            Kind = AuthKind.OAuth2ClientCredentials,
            TokenUrl = "https://emr.example/oauth/token",
            ClientId = "hub",
            ClientSecret = "client-secret",
            Scope = "patients.write",
        },
        Payload = new PayloadSettings { Format = PayloadFormat.Liquid, Template = "{\"id\": {{ patient.id }}}", ContentType = "application/fhir+json" },
        Active = active,
        TimeoutSeconds = 12,
        MaxConcurrency = 2,
        RateLimitPerSecond = 2.5,
        MaxAttempts = 7,
        Attachments = ["report_pdf"],
        ReferenceField = "data.id",
    };

    protected Task<LabIntegration> CreateAsync(LabIntegration integration) => Store.CreateAsync(integration, CancellationToken.None);

    protected async Task<LabIntegration> GetExistingAsync(long id)
    {
        var integration = await Store.GetAsync(id, CancellationToken.None);
        Assert.NotNull(integration);
        return integration;
    }

    /// <summary>Every stored field of <paramref name="actual"/> equals <paramref name="expected"/>'s.</summary>
    protected static void AssertSameIntegration(LabIntegration expected, LabIntegration actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.LabId, actual.LabId);
        Assert.Equal(expected.ActionId, actual.ActionId);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Vendor, actual.Vendor);
        Assert.Equal(expected.Url, actual.Url);
        Assert.Equal(expected.Method, actual.Method);
        Assert.Equal(expected.Headers.OrderBy(h => h.Key, StringComparer.Ordinal), actual.Headers.OrderBy(h => h.Key, StringComparer.Ordinal));
        Assert.Equal(expected.SecretHeaders, actual.SecretHeaders);
        Assert.Equal(expected.Auth.Kind, actual.Auth.Kind);
        Assert.Equal(expected.Auth.Username, actual.Auth.Username);
        Assert.Equal(expected.Auth.Password, actual.Auth.Password);
        Assert.Equal(expected.Auth.Token, actual.Auth.Token);
        Assert.Equal(expected.Auth.HeaderName, actual.Auth.HeaderName);
        Assert.Equal(expected.Auth.ApiKey, actual.Auth.ApiKey);
        Assert.Equal(expected.Auth.TokenUrl, actual.Auth.TokenUrl);
        Assert.Equal(expected.Auth.ClientId, actual.Auth.ClientId);
        Assert.Equal(expected.Auth.ClientSecret, actual.Auth.ClientSecret);
        Assert.Equal(expected.Auth.Scope, actual.Auth.Scope);
        Assert.Equal(expected.Auth.LoginBody, actual.Auth.LoginBody);
        Assert.Equal(expected.Auth.TokenField, actual.Auth.TokenField);
        Assert.Equal(expected.Auth.ExpiresInField, actual.Auth.ExpiresInField);
        Assert.Equal(expected.Payload.Format, actual.Payload.Format);
        Assert.Equal(expected.Payload.Template, actual.Payload.Template);
        Assert.Equal(expected.Payload.ContentType, actual.Payload.ContentType);
        Assert.Equal(expected.Active, actual.Active);
        Assert.Equal(expected.TimeoutSeconds, actual.TimeoutSeconds);
        Assert.Equal(expected.MaxConcurrency, actual.MaxConcurrency);
        Assert.Equal(expected.RateLimitPerSecond, actual.RateLimitPerSecond);
        Assert.Equal(expected.MaxAttempts, actual.MaxAttempts);
        Assert.Equal(expected.Attachments, actual.Attachments);
        Assert.Equal(expected.ReferenceField, actual.ReferenceField);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
    }
}
