using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests;

/// <summary>GET /api/logs?q=: found by what support staff know, within the caller's labs, exactly, never "everything".</summary>
public sealed class LogSearchApiTests : HubTest
{
    [Fact]
    public async Task Logs_are_found_by_mrn_name_barcode_bill_number_report_title_partner_reference_and_log_id()
    {
        var client = Hub.Client;
        var lab = await client.CreateLabAsync("SEARCH");
        for (var action = 1; action <= 60; action++)
        {
            if (action is 1 or 12 or 15 or 57)
            {
                await client.CreateIntegrationAsync(lab, action, Sink.Url($"/search/{action}"), new { referenceField = "id" });
            }
        }

        var (patientId, registered) = await client.RegisterPatientAsync(lab, "MRN-S77", "Ōkubo", "Tōru");
        var (_, otherPatient) = await client.RegisterPatientAsync(lab, "MRN-S78", "Asha", "Rao");
        var bill = await client.PostOkAsync($"/api/labs/{lab}/bills", new { patientId, items = new[] { new { testCode = "CBC", description = "Blood count", quantity = 1, unitPrice = 300 } } });
        var sample = await client.PostOkAsync($"/api/labs/{lab}/samples", new { patientId, barcode = "BC-99-1", type = "Blood" });
        var received = await client.PostOkAsync($"/api/labs/{lab}/samples/{sample["id"]}/receive", new { });
        var report = await client.PostOkAsync($"/api/labs/{lab}/reports", new { patientId, sampleId = sample["id"]!.GetValue<long>(), title = "Lipid   Profile" });
        var signed = await client.PostOkAsync($"/api/labs/{lab}/reports/{report["id"]}/sign", new { signedBy = "Dr. Test" });
        static string Only(JsonNode answer) => answer["deliveryLogIds"]!.AsArray().Single()!.GetValue<string>();
        var billLog = Only(bill);
        var (sampleLog, reportLog) = (Only(received), Only(signed));
        foreach (var id in registered.Concat(otherPatient).Append(billLog).Append(sampleLog).Append(reportLog))
        {
            await client.WaitForStatusAsync(id, "Success");
        }

        var billNumber = bill["entity"]!["number"]!.GetValue<string>();
        var reference = (await client.GetLogAsync(reportLog))["log"]!["state"]!["partnerReference"]!.GetValue<string>();

        async Task<string[]> Find(string q) => [.. (await (await client.GetAsync($"/api/logs?labId={lab}&direction=Outbound&q={Uri.EscapeDataString(q)}")).ReadJsonAsync())["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];

        // A patient's MRN (as typed, or in lower case) finds every delivery that names the patient.
        var ofPatient = new[] { reportLog, sampleLog, billLog, registered.Single() };
        Assert.Equal(ofPatient, await Find("MRN-S77"));
        Assert.Equal(ofPatient, await Find("mrn-s77"));
        Assert.Equal(ofPatient, await Find("  ōkubo   TŌRU "));
        Assert.Equal(ofPatient, await Find("Tōru"));
        Assert.Equal([reportLog, sampleLog], await Find("BC-99-1"));
        Assert.Equal([billLog], await Find(billNumber));
        Assert.Equal([reportLog], await Find("lipid profile"));
        Assert.Equal([reportLog], await Find(reference));
        Assert.Equal([billLog], await Find(billLog));
        Assert.Equal(otherPatient, await Find("Asha Rao"));

        // Exact, never "everything": a part of an MRN, or a text that names nothing, finds nothing.
        Assert.Empty(await Find("MRN-S7"));
        Assert.Empty(await Find("nobody at all"));
    }

    [Fact]
    public async Task A_search_sees_only_the_callers_labs_and_a_bad_one_is_refused_by_name()
    {
        var client = Hub.Client;
        var mine = await client.CreateLabAsync("MINE");
        var theirs = await client.CreateLabAsync("THEIRS");
        await client.CreateIntegrationAsync(mine, 57, Sink.Url("/mine"));
        await client.CreateIntegrationAsync(theirs, 57, Sink.Url("/theirs"));
        var (_, ours) = await client.RegisterPatientAsync(mine, "SAME-MRN", "Kiran", "Das");
        var (_, others) = await client.RegisterPatientAsync(theirs, "SAME-MRN", "Kiran", "Das");
        await client.WaitForStatusAsync(ours.Single(), "Success");
        await client.WaitForStatusAsync(others.Single(), "Success");
        var key = (await client.PostOkAsync("/api/keys", new { name = "mine-only", role = "Viewer", labs = mine.ToString(System.Globalization.CultureInfo.InvariantCulture) }))["key"]!.GetValue<string>();
        using var scoped = Hub.Anonymous();
        scoped.DefaultRequestHeaders.Add("X-Api-Key", key);

        var found = (await (await scoped.GetAsync("/api/logs?direction=Outbound&q=SAME-MRN")).ReadJsonAsync())["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>());
        Assert.Equal(ours, found);
        var byTheirLogId = (await (await scoped.GetAsync($"/api/logs?q={others.Single()}")).ReadJsonAsync())["items"]!.AsArray();
        Assert.Empty(byTheirLogId);

        var tooLong = await client.GetAsync($"/api/logs?q={new string('x', 201)}");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("\"q\"", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/logs?q=%20%20")).StatusCode);
    }
}
