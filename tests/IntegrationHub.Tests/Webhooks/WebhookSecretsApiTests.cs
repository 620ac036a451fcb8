using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Configuration;
using IntegrationHub.Storage;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Webhooks;

namespace IntegrationHub.Tests.Webhooks;

/// <summary>Webhook secrets through the API: validated, write-only, generated when missing and shown once.</summary>
public sealed class WebhookSecretsApiTests : HubTest
{
    private const string Mask = "********";
    // Fixed rather than generated: theory data must be the same when tests are listed and when they run.
    private const string Secret = "whsec_At1+ROZzHthPLcKnfkieXl9O8tnJyjbxtF7S52rdQkk=";
    private const string InboundSecret = "whsec_BFX/CED8y1aXeq7Bfrrc8hKZtQGGvKvX";
    private const string InboundApiKey = "inbound-key-5b0e9c2d7a41";
    private long _lab;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("WHK");
    }

    private JsonObject Valid(object? webhooks = null) => new()
    {
        ["labId"] = _lab,
        ["actionId"] = 57,
        ["name"] = "Signed EMR",
        ["vendor"] = "EMR",
        ["url"] = Sink.Url("/emr"),
        ["webhooks"] = webhooks is null ? null : System.Text.Json.JsonSerializer.SerializeToNode(webhooks),
    };

    private static readonly string ShortKey = "whsec_" + Convert.ToBase64String(new byte[15]);
    private static readonly string LongKey = "whsec_" + Convert.ToBase64String(new byte[129]);

    public static TheoryData<string, string> BadWebhooks => new()
    {
        { $$"""{"signingSecrets":["{{Secret[6..]}}"]}""", "webhooks.signingSecrets[0]" },
        { """{"signingSecrets":["whsec_this is not base64!"]}""", "webhooks.signingSecrets[0]" },
        { $$"""{"signingSecrets":["{{ShortKey}}"]}""", "webhooks.signingSecrets[0]" },
        { $$"""{"signingSecrets":["{{LongKey}}"]}""", "webhooks.signingSecrets[0]" },
        { $$"""{"signingSecrets":["{{Secret}}","sk_live_other"]}""", "webhooks.signingSecrets[1]" },
        { $$"""{"signingSecrets":["{{Secret}}","{{Secret}}","{{Secret}}","{{Secret}}"]}""", "webhooks.signingSecrets" },
        { """{"inboundSecrets":["whsec_"]}""", "webhooks.inboundSecrets[0]" },
        { """{"inboundApiKey":"too-short"}""", "webhooks.inboundApiKey" },
    };

    [Theory]
    [MemberData(nameof(BadWebhooks))]
    public async Task A_bad_webhook_secret_is_refused_on_create_naming_the_field_never_the_value_and_nothing_is_written(string webhooks, string field)
    {
        var body = Valid();
        body["webhooks"] = JsonNode.Parse(webhooks);

        var response = await Hub.Client.PostAsJsonAsync("/api/integrations", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.True(problem["errors"]![field] is not null, $"errors should name '{field}': {problem.ToJsonString()}");
        Assert.DoesNotContain("this is not base64", problem.ToJsonString());
        Assert.Empty((await (await Hub.Client.GetAsync("/api/integrations")).ReadJsonAsync()).AsArray());
    }

    [Theory]
    [MemberData(nameof(BadWebhooks))]
    public async Task A_bad_webhook_secret_is_refused_on_update_and_the_stored_secrets_stay(string webhooks, string field)
    {
        var id = (await Hub.Client.PostOkAsync("/api/integrations", Valid(new { signingSecrets = new[] { Secret }, inboundApiKey = InboundApiKey })))["id"]!.GetValue<long>();
        var update = Valid();
        update["webhooks"] = JsonNode.Parse(webhooks);
        update["name"] = "Renamed";

        var response = await Hub.Client.PutAsJsonAsync($"/api/integrations/{id}", update);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync())["errors"]![field] is not null);
        var stored = await StoredAsync(id);
        Assert.Equal("Signed EMR", stored.Name);
        Assert.Equal([Secret], stored.Webhooks.SigningSecrets);
        Assert.Equal(InboundApiKey, stored.Webhooks.InboundApiKey);
    }

    [Fact]
    public async Task Created_without_a_signing_secret_an_integration_gets_one_shown_in_that_answer_only()
    {
        var created = await Hub.Client.PostOkAsync("/api/integrations", Valid());

        var generated = created["webhooks"]!["signingSecrets"]!.AsArray().Single()!.GetValue<string>();
        Assert.True(WebhookSignature.TryReadKey(generated, out var key));
        Assert.Equal(32, key.Length);
        var id = created["id"]!.GetValue<long>();
        Assert.Equal([generated], (await StoredAsync(id)).Webhooks.SigningSecrets);
        var later = await Hub.Client.GetStringAsync($"/api/integrations/{id}") + await Hub.Client.GetStringAsync("/api/integrations");
        Assert.DoesNotContain(generated[WebhookSignature.SecretPrefix.Length..], later);
        Assert.Equal(Mask, JsonNode.Parse(await Hub.Client.GetStringAsync($"/api/integrations/{id}"))!["webhooks"]!["signingSecrets"]![0]!.GetValue<string>());

        var logId = (await Hub.Client.RegisterPatientAsync(_lab, "MRN-GEN")).LogIds.Single();
        await Hub.Client.WaitForStatusAsync(logId, "Success");
        PartnerVerifier.Verify(generated, Sink.RequestsTo("/emr").Single());
    }

    [Fact]
    public async Task Created_with_its_own_secrets_the_answer_masks_every_one()
    {
        var created = await Hub.Client.PostOkAsync("/api/integrations", Valid(new { signingSecrets = new[] { Secret }, inboundSecrets = new[] { InboundSecret }, inboundApiKey = InboundApiKey }));

        var webhooks = created["webhooks"]!;
        Assert.Equal(Mask, webhooks["signingSecrets"]![0]!.GetValue<string>());
        Assert.Equal(Mask, webhooks["inboundSecrets"]![0]!.GetValue<string>());
        Assert.Equal(Mask, webhooks["inboundApiKey"]!.GetValue<string>());
        Assert.DoesNotContain(Secret[6..], created.ToJsonString());
    }

    [Fact]
    public async Task A_mask_keeps_the_signing_secret_stored_at_its_index_while_the_host_stays()
    {
        var next = WebhookSignature.NewSecret();
        var id = (await Hub.Client.PostOkAsync("/api/integrations", Valid(new { signingSecrets = new[] { Secret }, inboundSecrets = new[] { InboundSecret }, inboundApiKey = InboundApiKey })))["id"]!.GetValue<long>();
        var echoed = (await (await Hub.Client.GetAsync($"/api/integrations/{id}")).ReadJsonAsync()).AsObject();
        echoed["url"] = echoed["url"]!.GetValue<string>() + "/v2";
        echoed["webhooks"]!["signingSecrets"]!.AsArray().Add(next);

        var answer = await Hub.Client.PutAsJsonAsync($"/api/integrations/{id}", echoed);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(new JsonArray(Mask, Mask).ToJsonString(), (await answer.ReadJsonAsync())["webhooks"]!["signingSecrets"]!.ToJsonString());
        var stored = await StoredAsync(id);
        Assert.Equal([Secret, next], stored.Webhooks.SigningSecrets);
        Assert.Equal([InboundSecret], stored.Webhooks.InboundSecrets);
        Assert.Equal(InboundApiKey, stored.Webhooks.InboundApiKey);

        // Retiring the old secret: the list without it, the remaining one entered in clear.
        echoed["webhooks"]!["signingSecrets"] = new JsonArray(next);
        Assert.Equal(HttpStatusCode.OK, (await Hub.Client.PutAsJsonAsync($"/api/integrations/{id}", echoed)).StatusCode);
        Assert.Equal([next], (await StoredAsync(id)).Webhooks.SigningSecrets);
    }

    [Fact]
    public async Task Moving_to_another_host_needs_the_signing_secrets_entered_again_while_inbound_secrets_are_kept()
    {
        var id = (await Hub.Client.PostOkAsync("/api/integrations", Valid(new { signingSecrets = new[] { Secret }, inboundSecrets = new[] { InboundSecret }, inboundApiKey = InboundApiKey })))["id"]!.GetValue<long>();
        var echoed = (await (await Hub.Client.GetAsync($"/api/integrations/{id}")).ReadJsonAsync()).AsObject();
        echoed["url"] = "https://moved.example.org/emr";

        // Kept, the partner-trusted key would sign whatever the new host is sent.
        var refused = await Hub.Client.PutAsJsonAsync($"/api/integrations/{id}", echoed);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull((await refused.ReadJsonAsync())["errors"]!["webhooks.signingSecrets"]);
        Assert.NotEqual("https://moved.example.org/emr", (await StoredAsync(id)).Url);

        var fresh = WebhookSignature.NewSecret();
        echoed["webhooks"]!["signingSecrets"] = new JsonArray(fresh);
        Assert.Equal(HttpStatusCode.OK, (await Hub.Client.PutAsJsonAsync($"/api/integrations/{id}", echoed)).StatusCode);
        var stored = await StoredAsync(id);
        Assert.Equal([fresh], stored.Webhooks.SigningSecrets);
        Assert.Equal([InboundSecret], stored.Webhooks.InboundSecrets);
        Assert.Equal(InboundApiKey, stored.Webhooks.InboundApiKey);
    }

    [Fact]
    public async Task A_mask_where_no_secret_is_stored_is_refused_naming_its_index()
    {
        var id = (await Hub.Client.PostOkAsync("/api/integrations", Valid(new { signingSecrets = new[] { Secret } })))["id"]!.GetValue<long>();
        var echoed = (await (await Hub.Client.GetAsync($"/api/integrations/{id}")).ReadJsonAsync()).AsObject();
        echoed["webhooks"]!["signingSecrets"] = new JsonArray(Mask, Mask);

        var answer = await Hub.Client.PutAsJsonAsync($"/api/integrations/{id}", echoed);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.True((await answer.ReadJsonAsync())["errors"]!["webhooks.signingSecrets[1]"] is not null);
        Assert.Equal([Secret], (await StoredAsync(id)).Webhooks.SigningSecrets);
    }

    private async Task<LabIntegration> StoredAsync(long id) =>
        await Hub.Services.GetRequiredService<IIntegrationConfigStore>().GetAsync(id, CancellationToken.None)
        ?? throw new InvalidOperationException($"Integration {id} is not stored.");
}
