using System.Reflection;
using System.Security.Cryptography;
using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Storage;

namespace IntegrationHub.Integrations;

/// <summary>
/// Keeps integration secrets encrypted at rest: the <see cref="AuthSettings.SecretFields"/>, the
/// values of secret headers (<see cref="SecretMasker.SecretHeaderNames"/>) and of secret query
/// parameters (<see cref="LabIntegration.SecretQuery"/>), and every secret of
/// <see cref="WebhookSettings"/> (each signing and inbound secret, the inbound API key) are encrypted before the
/// inner store writes and decrypted after it reads. Encrypted values start with <see cref="Prefix"/>;
/// a value without it was stored in clear by an older version: it is read as is and encrypted by
/// the next write of its integration.
/// </summary>
/// <remarks>
/// Works on copies, so the caller's integration keeps its secrets in clear and objects returned by
/// the inner store are never changed. Only the id and timestamps the inner store assigns are
/// copied back to the caller's integration, as the inner store would have set them there itself.
/// </remarks>
public sealed class ProtectedIntegrationConfigStore(IIntegrationConfigStore inner, ISecretProtector protector) : IIntegrationConfigStore
{
    /// <summary>Marks an encrypted value; the version leaves room for another scheme later.</summary>
    public const string Prefix = "enc:v1:";

    // Driven by SecretFields, so a secret field added there is encrypted without a change here.
    private static readonly PropertyInfo[] SecretProperties =
        [.. AuthSettings.SecretFields.Select(name => typeof(AuthSettings).GetProperty(name) ?? throw new InvalidOperationException($"AuthSettings has no property {name}."))];

    public async Task<IReadOnlyList<LabIntegration>> ListAsync(long? labId, CancellationToken cancellationToken) =>
        [.. (await inner.ListAsync(labId, cancellationToken)).Select(Reveal)];

    public async Task<LabIntegration?> GetAsync(long id, CancellationToken cancellationToken) =>
        await inner.GetAsync(id, cancellationToken) is { } stored ? Reveal(stored) : null;

    public async Task<IReadOnlyList<LabIntegration>> FindActiveAsync(long labId, ActionId actionId, CancellationToken cancellationToken) =>
        [.. (await inner.FindActiveAsync(labId, actionId, cancellationToken)).Select(Reveal)];

    public async Task<LabIntegration> CreateAsync(LabIntegration integration, CancellationToken cancellationToken)
    {
        var created = await inner.CreateAsync(Seal(integration), cancellationToken);
        CopyStamps(created, integration);
        return Reveal(created);
    }

    public async Task<bool> UpdateAsync(LabIntegration integration, CancellationToken cancellationToken)
    {
        var sealedCopy = Seal(integration);
        var updated = await inner.UpdateAsync(sealedCopy, cancellationToken);
        CopyStamps(sealedCopy, integration);
        return updated;
    }

    public Task<bool> DeleteAsync(long id, CancellationToken cancellationToken) => inner.DeleteAsync(id, cancellationToken);

    private LabIntegration Seal(LabIntegration clear) =>
        MapSecrets(Copy(clear), (value, _) => Prefix + protector.Protect(value));

    private LabIntegration Reveal(LabIntegration stored) =>
        MapSecrets(Copy(stored), (value, field) => value.StartsWith(Prefix, StringComparison.Ordinal) ? Open(value, stored.Id, field) : value);

    private string Open(string value, long id, string field)
    {
        try
        {
            return protector.Unprotect(value[Prefix.Length..]);
        }
        catch (CryptographicException e)
        {
            // Names the integration and the field (neither is secret) so the operator knows what to re-enter.
            throw new CryptographicException($"Integration {id}: the stored {field} could not be decrypted. {e.Message}", e);
        }
    }

    /// <summary>Replaces every non-empty secret of <paramref name="integration"/> (a private copy) by <paramref name="map"/>'s result.</summary>
    private static LabIntegration MapSecrets(LabIntegration integration, Func<string, string, string> map)
    {
        foreach (var property in SecretProperties)
        {
            if (property.GetValue(integration.Auth) is string { Length: > 0 } value)
            {
                property.SetValue(integration.Auth, map(value, "auth." + property.Name));
            }
        }

        // The names come from fields that are never encrypted, so a read finds the same set the write used.
        var secretNames = SecretMasker.SecretHeaderNames(integration);
        foreach (var (name, value) in integration.Headers.ToList())
        {
            if (value.Length > 0 && secretNames.Contains(name))
            {
                integration.Headers[name] = map(value, "header " + name);
            }
        }

        foreach (var (name, value) in integration.SecretQuery.ToList())
        {
            if (value.Length > 0)
            {
                integration.SecretQuery[name] = map(value, "secret query parameter " + name);
            }
        }

        // Webhook secrets are never sent anywhere, only used as keys; all of them are secret.
        var webhooks = integration.Webhooks;
        MapEach(webhooks.SigningSecrets, "webhooks.signingSecrets", map);
        MapEach(webhooks.InboundSecrets, "webhooks.inboundSecrets", map);
        if (webhooks.InboundApiKey is { Length: > 0 } apiKey)
        {
            webhooks.InboundApiKey = map(apiKey, "webhooks.inboundApiKey");
        }

        return integration;
    }

    private static void MapEach(List<string> secrets, string field, Func<string, string, string> map)
    {
        for (var i = 0; i < secrets.Count; i++)
        {
            if (secrets[i] is { Length: > 0 } value)
            {
                secrets[i] = map(value, $"{field}[{i}]");
            }
        }
    }

    private static LabIntegration Copy(LabIntegration source)
    {
        var copy = HubJson.Deserialize<LabIntegration>(HubJson.Serialize(source));
        copy.Id = source.Id;
        return copy;
    }

    private static void CopyStamps(LabIntegration from, LabIntegration to)
    {
        to.Id = from.Id;
        to.CreatedAt = from.CreatedAt;
        to.UpdatedAt = from.UpdatedAt;
    }
}
