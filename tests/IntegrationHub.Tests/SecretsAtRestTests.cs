using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using IntegrationHub.Hosting;
using IntegrationHub.Integrations;
using IntegrationHub.Storage;
using IntegrationHub.Storage.Sqlite;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Tests.Infrastructure.Backends;
using IntegrationHub.Webhooks;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Tests;

public sealed class SecretsAtRestTests : HubTest
{
    private const string Password = "pw-Basic-7f3a91e0";
    private const string Token = "tok-Bearer-58c2e0d4";
    private const string ApiKey = "key-ApiKey-4d7b16aa";
    private const string ClientSecret = "cs-OAuth-93e1aa5b";
    private const string LoginPassword = "lp-Login-2b6f0c8e";
    private const string HeaderSecret = "hdr-Secret-c71d55f2";
    private const string AuthTokenHeader = "hdr-Always-0e9a4b13";
    private const string SigningSecret = "whsec_U2lnbmluZy1BdC1SZXN0LTFmOGEyYzdlOTBiNA==";
    private const string NextSigningSecret = "whsec_TmV4dC1TaWduaW5nLTZkMzFiMGFlNTc=";
    private const string InboundSecret = "whsec_SW5ib3VuZC1BdC1SZXN0LTRlOWMwYTE3";
    private const string InboundApiKey = "inbound-ApiKey-a83f25c0d6";
    private const string Prefix = ProtectedIntegrationConfigStore.Prefix;

    // Webhook secrets are searched for without their whsec_ prefix: their key bytes must not be in clear either.
    private static readonly string[] Secrets =
    [
        Password, Token, ApiKey, ClientSecret, LoginPassword, HeaderSecret, AuthTokenHeader,
        SigningSecret[6..], NextSigningSecret[6..], InboundSecret[6..], InboundApiKey,
    ];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Tokens are issued only for the right credentials, so a delivery's success proves they were decrypted.
        Sink.Responder = r => Task.FromResult(r.Path switch
        {
            "/oauth/token" when r.Body.Contains($"client_secret={ClientSecret}", StringComparison.Ordinal) =>
                SinkResponse.Ok("""{"access_token":"at-oauth","token_type":"Bearer","expires_in":3600}"""),
            "/login" when r.Body.Contains(LoginPassword, StringComparison.Ordinal) => SinkResponse.Ok("""{"token":"at-login"}"""),
            "/oauth/token" or "/login" => SinkResponse.WithStatus(401),
            _ => SinkResponse.Ok("{}"),
        });
    }

    private static string NameFor(string path) => "Visible-name" + path.Replace('/', '-');

    /// <summary>One integration per kind of secret, named after its sink path; returns their ids by path.</summary>
    private async Task<Dictionary<string, long>> CreateAllAsync(HttpClient client, long lab)
    {
        var configs = new Dictionary<string, object>
        {
            ["/basic"] = new { name = NameFor("/basic"), auth = new { kind = "Basic", username = "lab7", password = Password } },
            ["/bearer"] = new
            {
                name = NameFor("/bearer"),
                auth = new { kind = "Bearer", token = Token },
                webhooks = new { signingSecrets = new[] { SigningSecret, NextSigningSecret }, inboundSecrets = new[] { InboundSecret }, inboundApiKey = InboundApiKey },
            },
            ["/apikey"] = new { name = NameFor("/apikey"), auth = new { kind = "ApiKey", headerName = "X-Partner-Key", apiKey = ApiKey } },
            ["/oauth"] = new { name = NameFor("/oauth"), auth = new { kind = "OAuth2ClientCredentials", tokenUrl = Sink.Url("/oauth/token"), clientId = "hub", clientSecret = ClientSecret } },
            ["/login-api"] = new { name = NameFor("/login-api"), auth = new { kind = "LoginEndpoint", tokenUrl = Sink.Url("/login"), loginBody = $$"""{"user":"lab","password":"{{LoginPassword}}"}""" } },
            ["/header"] = new
            {
                name = NameFor("/header"),
                headers = new Dictionary<string, string> { ["X-Tenant-Secret"] = HeaderSecret, ["X-Auth-Token"] = AuthTokenHeader, ["X-Tenant"] = "tenant-in-clear" },
                secretHeaders = new[] { "X-Tenant-Secret" },
            },
        };
        var ids = new Dictionary<string, long>();
        foreach (var (path, extra) in configs)
        {
            ids[path] = await client.CreateIntegrationAsync(lab, 57, Sink.Url(path), extra);
        }

        return ids;
    }

    private static async Task DeliverAsync(HttpClient client, long lab, string mrn, int integrations)
    {
        var (_, logIds) = await client.RegisterPatientAsync(lab, mrn);
        Assert.Equal(integrations, logIds.Length);
        foreach (var logId in logIds)
        {
            await client.WaitForStatusAsync(logId, "Success");
        }
    }

    private void AssertPartnersReceivedTheSecrets()
    {
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"lab7:{Password}")), Sink.RequestsTo("/basic").Last().Header("Authorization"));
        Assert.Equal($"Bearer {Token}", Sink.RequestsTo("/bearer").Last().Header("Authorization"));
        var signatures = Sink.RequestsTo("/bearer").Last().Header(WebhookSignature.SignatureHeader)!.Split(' ');
        Assert.Equal(2, signatures.Length);
        PartnerVerifier.Verify(SigningSecret, Sink.RequestsTo("/bearer").Last());
        Assert.Equal(ApiKey, Sink.RequestsTo("/apikey").Last().Header("X-Partner-Key"));
        Assert.Equal("Bearer at-oauth", Sink.RequestsTo("/oauth").Last().Header("Authorization"));
        Assert.Equal("Bearer at-login", Sink.RequestsTo("/login-api").Last().Header("Authorization"));
        var headers = Sink.RequestsTo("/header").Last();
        Assert.Equal(HeaderSecret, headers.Header("X-Tenant-Secret"));
        Assert.Equal(AuthTokenHeader, headers.Header("X-Auth-Token"));
        Assert.DoesNotContain(Sink.Requests, r => r.Body.Contains(Prefix, StringComparison.Ordinal) || r.Headers.Values.Any(v => v.Contains(Prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_database_file_holds_no_secret_in_clear_but_does_hold_the_other_fields()
    {
        var lab = await Hub.Client.CreateLabAsync("SEC");
        var ids = await CreateAllAsync(Hub.Client, lab);
        await DeliverAsync(Hub.Client, lab, "S1", 6);

        // The signing secrets the hub generated for the integrations created without one.
        var store = Hub.Services.GetRequiredService<IIntegrationConfigStore>();
        var generated = new List<string>();
        foreach (var id in ids.Values)
        {
            generated.AddRange((await store.GetAsync(id, CancellationToken.None))!.Webhooks.SigningSecrets.Where(s => s is not SigningSecret and not NextSigningSecret));
        }

        Assert.Equal(5, generated.Count);
        var bytes = await Hub.Faults.ReadEverythingStoredAsync();

        Assert.True(Contains(bytes, NameFor("/basic")), "the integration name should be in the database file: the search would find a secret too");
        Assert.True(Contains(bytes, "tenant-in-clear"), "a non-secret header value should be in the database file");
        Assert.True(Contains(bytes, Prefix), "encrypted values should be in the database file");
        foreach (var secret in Secrets.Concat(generated.Select(g => g[WebhookSignature.SecretPrefix.Length..])))
        {
            Assert.False(Contains(bytes, secret), $"'{secret}' is in the database file in clear.");
        }
    }

    [Fact]
    public async Task Deliveries_carry_the_decrypted_credentials()
    {
        var lab = await Hub.Client.CreateLabAsync("DEC");
        await CreateAllAsync(Hub.Client, lab);

        await DeliverAsync(Hub.Client, lab, "D1", 6);

        AssertPartnersReceivedTheSecrets();
    }

    [Fact]
    public async Task The_api_answers_masks_never_the_secret_or_the_ciphertext()
    {
        var lab = await Hub.Client.CreateLabAsync("API");
        var ids = await CreateAllAsync(Hub.Client, lab);

        var answers = new List<string> { await Hub.Client.GetStringAsync("/api/integrations") };
        foreach (var id in ids.Values)
        {
            answers.Add(await Hub.Client.GetStringAsync($"/api/integrations/{id}"));
        }

        foreach (var answer in answers)
        {
            Assert.DoesNotContain(Prefix, answer);
            Assert.All(Secrets, secret => Assert.DoesNotContain(secret, answer));
        }

        var basic = JsonNode.Parse(await Hub.Client.GetStringAsync($"/api/integrations/{ids["/basic"]}"))!;
        Assert.Equal("********", basic["auth"]!["password"]!.GetValue<string>());
        var bearerWebhooks = JsonNode.Parse(await Hub.Client.GetStringAsync($"/api/integrations/{ids["/bearer"]}"))!["webhooks"]!;
        Assert.Equal("""["********","********"]""", bearerWebhooks["signingSecrets"]!.ToJsonString());
        Assert.Equal("""["********"]""", bearerWebhooks["inboundSecrets"]!.ToJsonString());
        Assert.Equal("********", bearerWebhooks["inboundApiKey"]!.GetValue<string>());
        var headers = JsonNode.Parse(await Hub.Client.GetStringAsync($"/api/integrations/{ids["/header"]}"))!["headers"]!;
        Assert.Equal("********", headers["X-Tenant-Secret"]!.GetValue<string>());
        Assert.Equal("********", headers["X-Auth-Token"]!.GetValue<string>());
        Assert.Equal("tenant-in-clear", headers["X-Tenant"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_server_restarted_on_the_same_data_folder_still_decrypts()
    {
        var folder = NewDataFolder();
        long lab;
        Dictionary<string, long> ids;
        var first = await HubTestServer.StartAsync(dataFolder: folder);
        first.KeepDataFolder = true;
        await using (first)
        {
            lab = await first.Client.CreateLabAsync("RST");
            ids = await CreateAllAsync(first.Client, lab);
        }

        var keys = Path.Combine(folder, "keys");
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        }

        await using var second = await HubTestServer.StartAsync(dataFolder: folder);
        var stored = await second.Services.GetRequiredService<IIntegrationConfigStore>().GetAsync(ids["/oauth"], CancellationToken.None);
        Assert.Equal(ClientSecret, stored!.Auth.ClientSecret);
        await DeliverAsync(second.Client, lab, "R1", 6);
        AssertPartnersReceivedTheSecrets();
    }

    [Fact]
    public async Task A_lost_key_ring_fails_naming_its_folder_never_the_secret_or_the_ciphertext()
    {
        var folder = NewDataFolder();
        long id;
        string ciphertext;
        var first = await HubTestServer.StartAsync(dataFolder: folder);
        first.KeepDataFolder = true;
        await using (first)
        {
            var lab = await first.Client.CreateLabAsync("LOST");
            id = await first.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/basic"), new { auth = new { kind = "Basic", username = "lab7", password = Password } });
            ciphertext = JsonNode.Parse(await first.StoredIntegrationDocumentAsync(id))!["auth"]!["password"]!.GetValue<string>()[Prefix.Length..];
        }

        Directory.Delete(Path.Combine(folder, "keys"), recursive: true);
        await using var second = await HubTestServer.StartAsync(dataFolder: folder);

        var failure = await Assert.ThrowsAsync<CryptographicException>(() => second.Services.GetRequiredService<IIntegrationConfigStore>().GetAsync(id, CancellationToken.None));
        Assert.Contains(Path.Combine(folder, "keys"), failure.Message);
        Assert.Contains($"Integration {id}", failure.Message);
        Assert.DoesNotContain(Password, failure.ToString());
        Assert.DoesNotContain(ciphertext, failure.ToString());
    }

    [Fact]
    public async Task A_secret_stored_in_clear_by_an_older_version_is_read_and_encrypted_on_the_next_update()
    {
        var lab = await Hub.Client.CreateLabAsync("OLD");
        var legacy = new LabIntegration
        {
            LabId = lab,
            ActionId = ActionId.PatientRegistration,
            Name = "Legacy partner",
            Vendor = "Old",
            Url = Sink.Url("/legacy"),
            Headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Tenant-Secret"] = HeaderSecret },
            SecretHeaders = ["X-Tenant-Secret"],
            Auth = new AuthSettings { Kind = AuthKind.Basic, Username = "lab7", Password = Password },
        };
        // Written beneath the encryption, as the older version wrote it.
        var id = (await TestBackend.Current.StoredIntegrations(Hub.Services).CreateAsync(legacy, CancellationToken.None)).Id;

        Assert.Contains(Password, await Hub.StoredIntegrationDocumentAsync(id));
        var store = Hub.Services.GetRequiredService<IIntegrationConfigStore>();
        Assert.Equal(Password, (await store.GetAsync(id, CancellationToken.None))!.Auth.Password);
        await DeliverAsync(Hub.Client, lab, "O1", 1);
        var sent = Sink.RequestsTo("/legacy").Single();
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"lab7:{Password}")), sent.Header("Authorization"));
        Assert.Equal(HeaderSecret, sent.Header("X-Tenant-Secret"));

        var echoed = JsonNode.Parse(await Hub.Client.GetStringAsync($"/api/integrations/{id}"))!.AsObject();
        echoed["name"] = "Legacy partner, updated";
        Assert.Equal(HttpStatusCode.OK, (await Hub.Client.PutAsJsonAsync($"/api/integrations/{id}", echoed)).StatusCode);

        var document = await Hub.StoredIntegrationDocumentAsync(id);
        Assert.Contains("Legacy partner, updated", document);
        Assert.DoesNotContain(Password, document);
        Assert.DoesNotContain(HeaderSecret, document);
        Assert.Equal(2, document.Split(Prefix).Length - 1);
        var read = await store.GetAsync(id, CancellationToken.None);
        Assert.Equal(Password, read!.Auth.Password);
        Assert.Equal(HeaderSecret, read.Headers["X-Tenant-Secret"]);
    }

    [Fact]
    public async Task The_protected_store_writes_ciphertext_and_leaves_the_callers_integration_in_clear()
    {
        var store = new ProtectedIntegrationConfigStore(TestBackend.Current.StoredIntegrations(Hub.Services), Hub.Services.GetRequiredService<ISecretProtector>());
        var integration = new LabIntegration
        {
            LabId = 1,
            ActionId = ActionId.PatientRegistration,
            Name = "Unit",
            Url = "https://emr.example/api",
            Headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Tenant-Secret"] = HeaderSecret, ["X-Auth-Token"] = AuthTokenHeader, ["X-Tenant"] = "tenant-in-clear" },
            SecretHeaders = ["X-Tenant-Secret"],
            Auth = new AuthSettings { Kind = AuthKind.Basic, Username = "lab7", Password = Password, Token = Token, ApiKey = ApiKey, ClientSecret = ClientSecret, LoginBody = LoginPassword },
            Webhooks = new WebhookSettings { SigningSecrets = [SigningSecret, NextSigningSecret], InboundSecrets = [InboundSecret], InboundApiKey = InboundApiKey },
        };
        var auth = HubJson.Serialize(integration.Auth);
        var headers = HubJson.Serialize(integration.Headers);
        var webhooks = HubJson.Serialize(integration.Webhooks);

        var created = await store.CreateAsync(integration, CancellationToken.None);
        integration.Name = "Unit, renamed";
        Assert.True(await store.UpdateAsync(integration, CancellationToken.None));

        Assert.Equal(auth, HubJson.Serialize(integration.Auth));
        Assert.Equal(headers, HubJson.Serialize(integration.Headers));
        Assert.Equal(webhooks, HubJson.Serialize(integration.Webhooks));
        Assert.Equal(created.Id, integration.Id);
        Assert.NotSame(integration, created);
        Assert.Equal(Password, created.Auth.Password);
        var document = await Hub.StoredIntegrationDocumentAsync(created.Id);
        Assert.Contains("Unit, renamed", document);
        Assert.Contains("tenant-in-clear", document);
        Assert.All(Secrets, secret => Assert.DoesNotContain(secret, document));
        var read = await store.GetAsync(created.Id, CancellationToken.None);
        Assert.Equal(auth, HubJson.Serialize(read!.Auth));
        Assert.Equal(headers, HubJson.Serialize(read.Headers));
        Assert.Equal(webhooks, HubJson.Serialize(read.Webhooks));
    }

    [Fact]
    public void Starting_without_a_secret_protector_fails_naming_the_fix()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddIntegrationHub().UseSqlite($"Data Source={Path.Combine(Hub.DataFolder, "other.db")}");
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HubComposition>>().Value);
        Assert.Contains("ISecretProtector", failure.Message);
        Assert.Contains("AddHubSecretProtection", failure.Message);
        var resolving = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IIntegrationConfigStore>());
        Assert.Contains("AddHubSecretProtection", resolving.Message);
    }

    private static string NewDataFolder() => Path.Combine(Path.GetTempPath(), "hub-tests", Guid.NewGuid().ToString("N"));

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
