using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Logging;
using IntegrationHub.Tests.Infrastructure;
using static IntegrationHub.Tests.Webhooks.PartnerCallbacks;

namespace IntegrationHub.Tests.Webhooks;

public sealed class PartnerWebhookTests : HubTest
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["IntegrationHub:Webhooks:MaxBodyBytes"] = "2048",
        ["IntegrationHub:Webhooks:PermitsPerMinute"] = "30",
    };

    private async Task<(long IntegrationId, string LogId)> DeliveredAsync(object webhooks, string mrn)
    {
        var lab = await Hub.Client.CreateLabAsync("WH-" + mrn);
        var integration = await Hub.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/emr"), new { referenceField = "id", webhooks });
        Sink.Responder = _ => Task.FromResult(SinkResponse.Ok($$"""{"id":"EMR-{{mrn}}"}"""));
        var logId = (await Hub.Client.RegisterPatientAsync(lab, mrn)).LogIds.Single();
        await Hub.Client.WaitForStatusAsync(logId, "Success");
        return (integration, logId);
    }

    private Task<(long IntegrationId, string LogId)> SignedIntegrationAsync(string mrn) => DeliveredAsync(new { inboundSecrets = new[] { Secret } }, mrn);

    private async Task<int> AcknowledgementsAsync() => (await Hub.AllAcknowledgementsAsync()).Count;

    private async Task<int> PartnerWebhookLogsAsync() =>
        (await Hub.ListLogsAsync(new LogQuery { Direction = LogDirection.Inbound })).Count(l => l.ActionName.StartsWith("Partner webhook", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task A_signed_acknowledgement_by_partner_reference_shows_on_the_delivery_and_on_the_patients_timeline()
    {
        var (integration, logId) = await SignedIntegrationAsync("A1");

        var answer = await Hub.Anonymous().SendAsync(Signed(integration, """{"status":"acked","reference":"EMR-A1","occurredAt":"2026-11-26T10:00:00Z"}"""));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(logId, (await answer.ReadJsonAsync())["deliveryId"]!.GetValue<string>());
        var detail = await Hub.Client.GetLogAsync(logId);
        var ack = detail["log"]!["state"]!["acknowledgement"]!;
        Assert.Equal("Acked", ack["status"]!.GetValue<string>());
        Assert.Equal("EMR-A1", ack["partnerReference"]!.GetValue<string>());
        Assert.Single(detail["acknowledgements"]!.AsArray());

        var inbound = await Hub.Client.WaitForInboundLogAsync("Partner webhook: ACKED");
        Assert.Equal(detail["log"]!["integrationName"]!.GetValue<string>(), inbound["log"]!["integrationName"]!.GetValue<string>());
        Assert.Null(inbound["log"]!["integrationId"]);
        Assert.Contains("occurredAt", inbound["log"]!["payload"]!["text"]!.GetValue<string>());
        Assert.Equal(detail["log"]!["context"]!["patientId"]!.GetValue<long>(), inbound["log"]!["context"]!["patientId"]!.GetValue<long>());
        Assert.Equal(inbound["log"]!["id"]!.GetValue<string>(), ack["inboundLogId"]!.GetValue<string>());

        using var session = new DashboardSession(Hub.BaseUrl);
        Assert.True(await session.SignInAsync("admin", HubTestServer.AdminPassword));
        var timeline = await session.Client.GetStringAsync($"/timeline?labId={detail["log"]!["labId"]}&kind=Patient&id={detail["log"]!["context"]!["patientId"]}");
        Assert.Matches("data-testid=\"timeline-ack\"><span class=\"badge Success\">ACKED</span>", timeline);
        Assert.Contains("Partner webhook: ACKED", timeline);
    }

    [Fact]
    public async Task A_rejection_naming_our_webhook_id_is_recorded_with_its_reason()
    {
        var (integration, logId) = await SignedIntegrationAsync("R1");

        var answer = await Hub.Anonymous().SendAsync(Signed(integration, $$"""{"status":"rejected","deliveryId":"msg_{{logId}}","reason":"Unknown referring doctor"}"""));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var ack = (await Hub.Client.GetLogAsync(logId))["log"]!["state"]!["acknowledgement"]!;
        Assert.Equal("Rejected", ack["status"]!.GetValue<string>());
        Assert.Equal("Unknown referring doctor", ack["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_webhook_id_twice_is_logged_as_a_duplicate_and_processed_once()
    {
        var (integration, logId) = await SignedIntegrationAsync("D1");
        var body = """{"status":"acked","reference":"EMR-D1"}""";

        var first = await Hub.Anonymous().SendAsync(Signed(integration, body, id: "wh_same"));
        var second = await Hub.Anonymous().SendAsync(Signed(integration, body, id: "wh_same"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("duplicate", (await second.ReadJsonAsync())["status"]!.GetValue<string>());
        Assert.Single((await Hub.Client.GetLogAsync(logId))["acknowledgements"]!.AsArray());
        var duplicate = await Hub.Client.WaitForInboundLogAsync("Partner webhook: duplicate");
        Assert.Equal("Duplicate of webhook wh_same: not processed again.", duplicate["log"]!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task During_a_rotation_any_listed_secret_and_any_offered_signature_verifies()
    {
        var (integration, _) = await DeliveredAsync(new { inboundSecrets = new[] { OtherSecret, Secret } }, "K1");
        var body = """{"status":"acked","reference":"EMR-K1"}"""u8.ToArray();
        var at = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var both = $"v1,{Convert.ToBase64String(new byte[32])} {Sign(Secret, "wh_rot", at, body)}";

        var answer = await Hub.Anonymous().SendAsync(SignedBytes(integration, body, id: "wh_rot", at: DateTimeOffset.FromUnixTimeSeconds(at), signature: both));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    public static TheoryData<string, int, string> Refusals => new()
    {
        { "no-signature", 401, "webhook-signature header is missing" },
        { "bad-signature", 401, "No signature in webhook-signature matches" },
        { "wrong-secret", 401, "No signature in webhook-signature matches" },
        { "stale", 401, "minutes from the hub's clock" },
        { "future", 401, "minutes from the hub's clock" },
        { "no-id", 400, "needs the webhook-id and webhook-timestamp headers" },
        { "bad-timestamp", 400, "whole seconds" },
        { "bad-json-bad-signature", 401, "No signature in webhook-signature matches" },
        { "bad-json", 400, "not valid JSON" },
        { "not-object", 400, "must be a JSON object" },
        { "bad-status", 400, "Give status" },
        { "no-delivery", 400, "Name the delivery" },
        { "bad-delivery-id", 400, "deliveryId must be the webhook-id" },
        { "unknown-reference", 422, "has no delivery with reference 'EMR-NOPE'" },
        { "too-large", 413, "at most 2048 bytes" },
        { "too-large-chunked", 413, "at most 2048 bytes" },
        { "lone-surrogate", 400, "lone surrogate" },
        { "invalid-utf8", 400, "not valid UTF-8" },
        { "trailing-content", 400, "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_callback_gets_a_4xx_that_names_the_problem_and_records_nothing(string kind, int status, string reason)
    {
        var (integration, _) = await SignedIntegrationAsync("X" + kind.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture));
        var good = """{"status":"acked","reference":"EMR-1"}""";
        var request = kind switch
        {
            "no-signature" => Without(Signed(integration, good), "webhook-signature"),
            "bad-signature" => Signed(integration, good, signature: "v1,bm90IGEgc2lnbmF0dXJl"),
            "wrong-secret" => Signed(integration, good, secret: OtherSecret),
            "stale" => Signed(integration, good, at: DateTimeOffset.UtcNow.AddMinutes(-6)),
            "future" => Signed(integration, good, at: DateTimeOffset.UtcNow.AddMinutes(6)),
            "no-id" => Without(Signed(integration, good), "webhook-id"),
            "bad-timestamp" => Replace(Signed(integration, good), "webhook-timestamp", "yesterday"),
            "bad-json-bad-signature" => Signed(integration, "{not json", signature: "v1,bm90IGEgc2lnbmF0dXJl"),
            "bad-json" => Signed(integration, "{not json"),
            "not-object" => Signed(integration, "[1,2]"),
            "bad-status" => Signed(integration, """{"status":"maybe","reference":"EMR-1"}"""),
            "no-delivery" => Signed(integration, """{"status":"acked"}"""),
            "bad-delivery-id" => Signed(integration, """{"status":"acked","deliveryId":"123-not-ours"}"""),
            "unknown-reference" => Signed(integration, """{"status":"acked","reference":"EMR-NOPE"}"""),
            "too-large" => Signed(integration, $$"""{"status":"acked","reference":"EMR-1","reason":"{{new string('x', 4000)}}"}"""),
            "too-large-chunked" => Chunked(Signed(integration, $$"""{"status":"acked","reference":"EMR-1","reason":"{{new string('x', 4000)}}"}""")),
            "lone-surrogate" => Signed(integration, """{"status":"acked","reference":"EMR-1","reason":"\ud800"}"""),
            "invalid-utf8" => SignedBytes(integration, [.. "{\"status\":\"acked\",\"reference\":\"EMR-"u8, 0xC3, 0x28, .. "\"}"u8]),
            "trailing-content" => Signed(integration, """{"status":"acked","reference":"EMR-1"} trailing"""),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var answer = await Hub.Anonymous().SendAsync(request);

        Assert.Equal(status, (int)answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, (await answer.ReadJsonAsync())["detail"]!.GetValue<string>());
        Assert.Equal(0, await AcknowledgementsAsync());
    }

    [Fact]
    public async Task Strangers_store_nothing_an_unknown_integration_is_not_logged_and_a_refused_call_keeps_no_body()
    {
        var (integration, _) = await SignedIntegrationAsync("STR");

        var unknown = await Hub.Anonymous().SendAsync(Signed(999_999, """{"status":"acked","reference":"planted-unknown"}"""));
        var forged = await Hub.Anonymous().SendAsync(Signed(integration, """{"status":"acked","reference":"planted-forged"}""", secret: OtherSecret));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        var refused = await Hub.Client.WaitForInboundLogAsync("Partner webhook");
        Assert.Equal("Fail", refused.Status());
        Assert.Equal(0, refused["log"]!["labId"]!.GetValue<long>());
        Assert.Null(refused["log"]!["payload"]);
        Assert.Equal(0, await Hub.CountLogsContainingAsync("planted-") + await Hub.CountAttemptsContainingAsync("planted-"));
        Assert.Equal(1, await PartnerWebhookLogsAsync());
    }

    [Fact]
    public async Task A_flood_of_callbacks_from_one_address_is_cut_off_with_429_and_only_a_sample_of_the_refusals_is_logged()
    {
        var (integration, _) = await SignedIntegrationAsync("FLOOD");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 35; i++)
        {
            answers.Add((await Hub.Anonymous().SendAsync(Signed(integration, """{"status":"acked","reference":"nope"}""", secret: OtherSecret))).StatusCode);
        }

        Assert.Equal(30, answers.Count(a => a == HttpStatusCode.Unauthorized));
        Assert.Equal(5, answers.Count(a => a == HttpStatusCode.TooManyRequests));

        // Of the 30 refusals, the first 10 of the minute are logged (Webhooks:RefusedLogsPerMinute).
        await HubApi.WaitUntilAsync(async () => await PartnerWebhookLogsAsync() >= 10, what: "the refused calls' logs");
        Assert.Equal(10, await PartnerWebhookLogsAsync());
    }

    [Fact]
    public async Task A_viewer_sees_the_acknowledgement_but_not_the_partners_reason()
    {
        var (integration, logId) = await SignedIntegrationAsync("VIEW");
        await Hub.Anonymous().SendAsync(Signed(integration, $$"""{"status":"rejected","deliveryId":"msg_{{logId}}","reason":"DOB mismatch for Asha Rao"}"""));
        using var viewer = await Hub.ClientForAsync("Viewer", "*");

        var seen = await (await viewer.GetAsync($"/api/logs/{logId}")).Content.ReadAsStringAsync();

        Assert.Contains("\"status\":\"Rejected\"", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("DOB mismatch", seen, StringComparison.Ordinal);
        var inbound = (await (await viewer.GetAsync("/api/logs?direction=Inbound")).ReadJsonAsync())["items"]!.AsArray()
            .First(i => i!["actionName"]!.GetValue<string>() == "Partner webhook: REJECTED")!;
        Assert.DoesNotContain("DOB mismatch", await (await viewer.GetAsync($"/api/logs/{inbound["id"]}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_is_read()
    {
        var (integration, _) = await SignedIntegrationAsync("BIG");
        var body = new byte[5 * 1024 * 1024];

        var answer = await Hub.Anonymous().SendAsync(SignedBytes(integration, body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        var log = await Hub.Client.WaitForInboundLogAsync("Partner webhook");
        Assert.Null(log["log"]!["payload"]);
        Assert.Equal(413, log["attempts"]![0]!["response"]!["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_partner_that_cannot_sign_may_use_the_integrations_inbound_api_key()
    {
        var (integration, logId) = await DeliveredAsync(new { inboundApiKey = "partner-key-0123456789" }, "KEY1");
        HttpRequestMessage WithKey(string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{integration}") { Content = JsonContent.Create(new { status = "acked", reference = "EMR-KEY1" }) };
            request.Headers.Add("X-Api-Key", key);
            return request;
        }

        var refused = await Hub.Anonymous().SendAsync(WithKey("partner-key-wrong-000000"));
        var accepted = await Hub.Anonymous().SendAsync(WithKey("partner-key-0123456789"));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("Acked", (await Hub.Client.GetLogAsync(logId))["log"]!["state"]!["acknowledgement"]!["status"]!.GetValue<string>());
        var inbound = await Hub.Client.WaitForInboundLogAsync("Partner webhook: ACKED");
        Assert.Equal("********", inbound["attempts"]![0]!["request"]!["headers"]!["X-Api-Key"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_integration_without_inbound_credentials_takes_no_callbacks_and_an_unknown_one_is_404()
    {
        var (integration, _) = await DeliveredAsync(new { }, "NONE");

        var refused = await Hub.Anonymous().PostAsJsonAsync($"/api/webhooks/{integration}", new { status = "acked", reference = "EMR-NONE" });
        var unknown = await Hub.Anonymous().SendAsync(Signed(999_999, """{"status":"acked","reference":"x"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("webhooks.inboundSecrets", (await refused.ReadJsonAsync())["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_callback_may_not_acknowledge_another_integrations_delivery()
    {
        var (_, otherLog) = await SignedIntegrationAsync("O1");
        var (integration, _) = await SignedIntegrationAsync("O2");

        var answer = await Hub.Anonymous().SendAsync(Signed(integration, $$"""{"status":"acked","deliveryId":"msg_{{otherLog}}"}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Null((await Hub.Client.GetLogAsync(otherLog))["log"]!["state"]!["acknowledgement"]);
    }

    private static HttpRequestMessage Without(HttpRequestMessage request, string header)
    {
        request.Headers.Remove(header);
        return request;
    }

    private static HttpRequestMessage Replace(HttpRequestMessage request, string header, string value)
    {
        request.Headers.Remove(header);
        request.Headers.Add(header, value);
        return request;
    }

    private static HttpRequestMessage Chunked(HttpRequestMessage request)
    {
        var bytes = request.Content!.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        request.Content = new StreamContent(new MemoryStream(bytes));
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        return request;
    }
}
