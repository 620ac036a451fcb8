using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Webhooks;

namespace IntegrationHub.Tests.Delivery;

/// <summary>Deliveries as a partner receives them, checked with the StandardWebhooks package against the real clock.</summary>
public sealed class SignedDeliveryTests : HubTest
{
    private static readonly string Secret = WebhookSignature.NewSecret();
    private static readonly string NextSecret = WebhookSignature.NewSecret();
    private long _lab;

    // One test signs a report with some 350 KB of findings, over the 64 Ki default.
    protected override Dictionary<string, string?> Settings => new() { ["IntegrationHub:LabLimits:FindingsMaxLength"] = $"{512 * 1024}" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("SIGN");
    }

    private async Task<(string LogId, JsonNode Log)> DeliverAsync(string path, object extra, string status = "Success")
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url(path), extra);
        var logId = (await Hub.Client.RegisterPatientAsync(_lab, $"MRN-{Guid.NewGuid():N}"[..12], "Zoë", "Ñúñez-検査")).LogIds.Single();
        return (logId, await Hub.Client.WaitForStatusAsync(logId, status));
    }

    [Fact]
    public async Task A_delivery_carries_its_log_id_as_webhook_id_a_timestamp_and_a_signature_the_package_verifies()
    {
        var (logId, _) = await DeliverAsync("/signed", new { webhooks = new { signingSecrets = new[] { Secret } } });

        var received = Sink.RequestsTo("/signed").Single();
        Assert.Equal("msg_" + logId, received.Header(WebhookSignature.IdHeader));
        Assert.True(WebhookSignature.TryReadLogId(received.Header(WebhookSignature.IdHeader), out var correlated));
        Assert.Equal(logId, correlated);
        var timestamp = long.Parse(received.Header(WebhookSignature.TimestampHeader)!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.StartsWith("v1,", received.Header(WebhookSignature.SignatureHeader));
        PartnerVerifier.Verify(Secret, received);
        Assert.False(PartnerVerifier.Accepts(NextSecret, received));
    }

    [Fact]
    public async Task A_retried_delivery_keeps_its_webhook_id_and_each_attempt_is_signed_over_its_own_timestamp()
    {
        var calls = 0;
        Sink.Responder = _ => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? SinkResponse.WithStatus(500) : SinkResponse.Ok("{}"));

        var (logId, log) = await DeliverAsync("/flaky", new { webhooks = new { signingSecrets = new[] { Secret } } });

        Assert.Equal(2, log.Attempts());
        var attempts = Sink.RequestsTo("/flaky");
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal("msg_" + logId, a.Header(WebhookSignature.IdHeader)));
        Assert.All(attempts, a => PartnerVerifier.Verify(Secret, a));
        Assert.True(
            long.Parse(attempts[1].Header(WebhookSignature.TimestampHeader)!, System.Globalization.CultureInfo.InvariantCulture)
            >= long.Parse(attempts[0].Header(WebhookSignature.TimestampHeader)!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_sign_and_each_signature_verifies_alone()
    {
        await DeliverAsync("/rotating", new { webhooks = new { signingSecrets = new[] { Secret, NextSecret } } });

        var received = Sink.RequestsTo("/rotating").Single();
        var signatures = received.Header(WebhookSignature.SignatureHeader)!.Split(' ');
        Assert.Equal(2, signatures.Length);
        Assert.All(signatures, s => Assert.StartsWith("v1,", s));
        foreach (var (secret, own) in new[] { (Secret, signatures[0]), (NextSecret, signatures[1]) })
        {
            PartnerVerifier.Verify(secret, received with { Headers = WithSignature(received, own) });
        }

        Assert.False(PartnerVerifier.Accepts(Secret, received with { Headers = WithSignature(received, signatures[1]) }));
        Assert.False(PartnerVerifier.Accepts(WebhookSignature.NewSecret(), received));
    }

    [Fact]
    public async Task Without_a_signing_secret_a_delivery_carries_id_and_timestamp_but_no_signature()
    {
        var id = await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/unsigned"));
        var update = (await (await Hub.Client.GetAsync($"/api/integrations/{id}")).ReadJsonAsync()).AsObject();
        update["webhooks"]!["signingSecrets"] = new JsonArray();
        Assert.Equal(HttpStatusCode.OK, (await Hub.Client.PutAsJsonAsync($"/api/integrations/{id}", update)).StatusCode);

        var logId = (await Hub.Client.RegisterPatientAsync(_lab, "MRN-UNSIGNED")).LogIds.Single();
        await Hub.Client.WaitForStatusAsync(logId, "Success");

        var received = Sink.RequestsTo("/unsigned").Single();
        Assert.Equal("msg_" + logId, received.Header(WebhookSignature.IdHeader));
        Assert.NotNull(received.Header(WebhookSignature.TimestampHeader));
        Assert.Null(received.Header(WebhookSignature.SignatureHeader));
    }

    [Fact]
    public async Task The_log_records_the_signature_headers_but_never_the_signing_secret()
    {
        var (logId, log) = await DeliverAsync("/logged", new { webhooks = new { signingSecrets = new[] { Secret, NextSecret } } });

        var headers = log["attempts"]![0]!["request"]!["headers"]!;
        var received = Sink.RequestsTo("/logged").Single();
        Assert.Equal("msg_" + logId, headers[WebhookSignature.IdHeader]!.GetValue<string>());
        Assert.Equal(received.Header(WebhookSignature.SignatureHeader), headers[WebhookSignature.SignatureHeader]!.GetValue<string>());
        var everything = log.ToJsonString() + await Hub.Client.GetStringAsync($"/api/logs?labId={_lab}");
        foreach (var secret in new[] { Secret, NextSecret })
        {
            Assert.DoesNotContain(secret[WebhookSignature.SecretPrefix.Length..], everything);
        }
    }

    [Fact]
    public async Task A_report_with_its_pdf_is_signed_over_the_streamed_body()
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 15, Sink.Url("/reports"), new
        {
            attachments = new[] { "report_pdf" },
            webhooks = new { signingSecrets = new[] { Secret, NextSecret } },
            payload = new
            {
                format = "Liquid",
                contentType = "application/json",
                template = """{"reportId": {{ report.id }}, "patient": {{ patient.fullName | json }}, "pdf": "{{ attachments.report_pdf.base64 }}"}""",
            },
        });
        var (patientId, _) = await Hub.Client.RegisterPatientAsync(_lab, "MRN-PDF", "Ånne", "Økubo");
        var random = new Random(15);
        var findings = string.Join("\n", Enumerable.Range(0, 4000).Select(_ => Convert.ToBase64String(RandomBytes(random, 66))));
        var report = await Hub.Client.PostOkAsync($"/api/labs/{_lab}/reports", new { patientId, title = "Lipid profile", findings });
        var signed = await Hub.Client.PostOkAsync($"/api/labs/{_lab}/reports/{report["id"]}/sign", new { signedBy = "Dr. Signer" });
        var logId = signed["deliveryLogIds"]![0]!.GetValue<string>();
        await Hub.Client.WaitForStatusAsync(logId, "Success");

        var received = Sink.RequestsTo("/reports").Single();
        var pdf = await Hub.Client.GetByteArrayAsync($"/api/labs/{_lab}/reports/{report["id"]}/pdf");
        Assert.True(pdf.Length > 200_000, $"PDF is {pdf.Length} bytes");
        Assert.Equal(pdf, Convert.FromBase64String(JsonNode.Parse(received.BodyBytes)!["pdf"]!.GetValue<string>()));
        Assert.Equal("msg_" + logId, received.Header(WebhookSignature.IdHeader));
        var signatures = received.Header(WebhookSignature.SignatureHeader)!.Split(' ');
        PartnerVerifier.Verify(Secret, received with { Headers = WithSignature(received, signatures[0]) });
        PartnerVerifier.Verify(NextSecret, received with { Headers = WithSignature(received, signatures[1]) });
    }

    private static Dictionary<string, string> WithSignature(SinkRequest request, string signature) =>
        new(request.Headers, StringComparer.OrdinalIgnoreCase) { [WebhookSignature.SignatureHeader] = signature };

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
