using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

public sealed class DeliveryTests : HubTest
{
    [Fact]
    public async Task Patient_registration_fans_out_to_every_active_integration_with_its_own_log()
    {
        var client = Hub.Client;
        var lab = await client.CreateLabAsync("FAN");
        var emr = await client.CreateIntegrationAsync(lab, 57, Sink.Url("/emr"));
        var registry = await client.CreateIntegrationAsync(lab, 57, Sink.Url("/registry"));
        await client.CreateIntegrationAsync(lab, 57, Sink.Url("/inactive"), new { active = false });
        await client.CreateIntegrationAsync(lab, 1, Sink.Url("/billing-only"));

        var (patientId, logIds) = await client.RegisterPatientAsync(lab, "MRN-1");

        Assert.Equal(2, logIds.Length);
        foreach (var id in logIds)
        {
            var detail = await client.WaitForStatusAsync(id, "Success");
            Assert.Equal(patientId, detail["log"]!["context"]!["patientId"]!.GetValue<long>());
            Assert.Equal("PatientRegistration", detail["log"]!["actionName"]!.GetValue<string>());
            var attempt = detail["attempts"]!.AsArray().Single()!;
            Assert.Equal(200, attempt["response"]!["statusCode"]!.GetValue<int>());
            Assert.StartsWith(Sink.BaseUrl, attempt["request"]!["url"]!.GetValue<string>());
        }

        var integrations = (await Task.WhenAll(logIds.Select(client.GetLogAsync))).Select(l => l["log"]!["integrationId"]!.GetValue<long>()).Order();
        Assert.Equal(new[] { emr, registry }.Order(), integrations);
        Assert.Single(Sink.RequestsTo("/emr"));
        Assert.Single(Sink.RequestsTo("/registry"));
        Assert.Empty(Sink.RequestsTo("/inactive"));
        Assert.Empty(Sink.RequestsTo("/billing-only"));
    }

    [Fact]
    public async Task Canonical_payload_carries_event_lab_and_patient_and_the_delivery_id_header()
    {
        var client = Hub.Client;
        var lab = await client.CreateLabAsync("CANON");
        await client.CreateIntegrationAsync(lab, 57, Sink.Url("/canonical"));
        var (patientId, logIds) = await client.RegisterPatientAsync(lab, "MRN-C", "Meera", "Iyer");
        await client.WaitForStatusAsync(logIds[0], "Success");

        var request = Sink.RequestsTo("/canonical").Single();
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(57, body["event"]!["actionId"]!.GetValue<int>());
        Assert.Equal("PatientRegistration", body["event"]!["action"]!.GetValue<string>());
        Assert.Equal(logIds[0], body["event"]!["deliveryId"]!.GetValue<string>());
        Assert.Equal(lab, body["lab"]!["id"]!.GetValue<long>());
        Assert.Equal(patientId, body["patient"]!["id"]!.GetValue<long>());
        Assert.Equal("Meera Iyer", body["patient"]!["fullName"]!.GetValue<string>());
        Assert.Equal("1985-04-02", body["patient"]!["dateOfBirth"]!.GetValue<string>());
        Assert.Equal(logIds[0], request.Header("X-Hub-Delivery-Id"));
        Assert.Equal("57", request.Header("X-Hub-Action"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
    }

    [Fact]
    public async Task Liquid_template_renders_the_partner_shape_without_code()
    {
        var client = Hub.Client;
        var lab = await client.CreateLabAsync("LIQ");
        await client.CreateIntegrationAsync(lab, 57, Sink.Url("/hl7"), new
        {
            payload = new
            {
                format = "Liquid",
                contentType = "text/plain",
                template = "PID|{{ patient.mrn }}|{{ patient.lastName | upcase }}^{{ patient.firstName }}|{{ lab.code }}",
            },
        });
        var (_, logIds) = await client.RegisterPatientAsync(lab, "MRN-L", "Kiran", "Das");
        await client.WaitForStatusAsync(logIds[0], "Success");

        var request = Sink.RequestsTo("/hl7").Single();
        Assert.Equal("PID|MRN-L|DAS^Kiran|LIQ", request.Body);
        Assert.StartsWith("text/plain", request.Header("Content-Type"));
    }

    [Fact]
    public async Task Secrets_are_masked_in_the_log_and_the_partner_gets_them_in_clear()
    {
        var client = Hub.Client;
        var lab = await client.CreateLabAsync("MASK");
        var id = await client.CreateIntegrationAsync(lab, 57, Sink.Url("/masked"), new
        {
            headers = new Dictionary<string, string> { ["X-Partner-Secret"] = "s3cr3t-header", ["X-Plain"] = "visible" },
            secretHeaders = new[] { "X-Partner-Secret" },
            auth = new { kind = "Bearer", token = "tok-very-secret" },
        });
        var (_, logIds) = await client.RegisterPatientAsync(lab, "MRN-M");
        var detail = await client.WaitForStatusAsync(logIds[0], "Success");

        var sent = Sink.RequestsTo("/masked").Single();
        Assert.Equal("Bearer tok-very-secret", sent.Header("Authorization"));
        Assert.Equal("s3cr3t-header", sent.Header("X-Partner-Secret"));
        var logged = detail.ToJsonString();
        Assert.DoesNotContain("tok-very-secret", logged);
        Assert.DoesNotContain("s3cr3t-header", logged);
        var headers = detail["attempts"]![0]!["request"]!["headers"]!;
        Assert.Equal("Bearer ********", headers["Authorization"]!.GetValue<string>());
        Assert.Equal("********", headers["X-Partner-Secret"]!.GetValue<string>());
        Assert.Equal("visible", headers["X-Plain"]!.GetValue<string>());

        var config = await (await client.GetAsync($"/api/integrations/{id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("tok-very-secret", config);
        Assert.DoesNotContain("s3cr3t-header", config);
    }

    [Fact]
    public async Task Large_responses_are_capped_in_the_log_with_a_truncated_flag()
    {
        var client = Hub.Client;
        var lab = await client.CreateLabAsync("CAP");
        await client.CreateIntegrationAsync(lab, 57, Sink.Url("/big"));
        var huge = "{\"data\":\"" + new string('x', 200_000) + "\"}";
        Sink.Responder = _ => Task.FromResult(SinkResponse.Ok(huge));
        var (_, logIds) = await client.RegisterPatientAsync(lab, "MRN-CAP");
        var detail = await client.WaitForStatusAsync(logIds[0], "Success");

        var body = detail["attempts"]![0]!["response"]!["body"]!;
        Assert.True(body["truncated"]!.GetValue<bool>());
        Assert.Equal(huge.Length, body["size"]!.GetValue<long>());
        Assert.Equal(64 * 1024, body["text"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task Every_business_operation_raises_its_action()
    {
        var client = Hub.Client;
        var lab = await client.CreateLabAsync("OPS");
        foreach (var action in new[] { 57, 58, 1, 12, 15 })
        {
            await client.CreateIntegrationAsync(lab, action, Sink.Url($"/ops/{action}"));
        }

        var (patientId, registered) = await client.RegisterPatientAsync(lab, "MRN-OPS");
        var updated = await client.PutAsJsonAsync($"/api/labs/{lab}/patients/{patientId}", new { mrn = "MRN-OPS", firstName = "Asha", lastName = "Rao-Menon" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var bill = await client.PostOkAsync($"/api/labs/{lab}/bills", new { patientId, items = new[] { new { testCode = "CBC", description = "Blood count", quantity = 2, unitPrice = 300 } } });
        var sample = await client.PostOkAsync($"/api/labs/{lab}/samples", new { patientId, barcode = "S-OPS-1", type = "Blood" });
        var received = await client.PostOkAsync($"/api/labs/{lab}/samples/{sample["id"]}/receive", new { });
        var report = await client.PostOkAsync($"/api/labs/{lab}/reports", new { patientId, sampleId = sample["id"]!.GetValue<long>(), title = "CBC" });
        var signed = await client.PostOkAsync($"/api/labs/{lab}/reports/{report["id"]}/sign", new { signedBy = "Dr. Test" });

        string[] All(JsonNode answer) => [.. answer["deliveryLogIds"]!.AsArray().Select(n => n!.GetValue<string>())];
        var logIds = registered.Concat(All(await updated.ReadJsonAsync())).Concat(All(bill)).Concat(All(received)).Concat(All(signed)).ToList();
        Assert.Equal(5, logIds.Count);
        foreach (var id in logIds)
        {
            await client.WaitForStatusAsync(id, "Success");
        }

        Assert.Contains("Rao-Menon", Sink.RequestsTo("/ops/58").Single().Body);
        var billBody = JsonNode.Parse(Sink.RequestsTo("/ops/1").Single().Body)!;
        Assert.Equal(600m, billBody["bill"]!["total"]!.GetValue<decimal>());
        Assert.Equal("S-OPS-1", JsonNode.Parse(Sink.RequestsTo("/ops/12").Single().Body)!["sample"]!["barcode"]!.GetValue<string>());
        Assert.Equal("Dr. Test", JsonNode.Parse(Sink.RequestsTo("/ops/15").Single().Body)!["report"]!["signedBy"]!.GetValue<string>());
    }
}
