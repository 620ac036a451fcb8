using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Storage;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Inbound;

public sealed class InboundLogTests : IAsyncLifetime
{
    private readonly CapturedLogs _serverLogs = new();
    private HubTestServer _hub = null!;

    public async Task InitializeAsync() => _hub = await HubTestServer.StartAsync(extend: InboundTestEndpoints.All(_serverLogs));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_business_call_is_logged_with_its_request_and_answer_and_the_key_masked()
    {
        var lab = await _hub.Client.CreateLabAsync("INBOUND");
        await _hub.Client.RegisterPatientAsync(lab, "IN-42");

        var detail = await _hub.Client.WaitForInboundLogAsync("POST /api/labs/{labId}/patients");
        var log = detail["log"]!;
        Assert.Equal("Success", log["state"]!["status"]!.GetValue<string>());
        Assert.Equal(lab, log["labId"]!.GetValue<long>());
        var attempt = detail["attempts"]!.AsArray().Single()!;
        Assert.Contains("IN-42", attempt["request"]!["body"]!["text"]!.GetValue<string>());
        Assert.Equal("********", attempt["request"]!["headers"]!["X-Api-Key"]!.GetValue<string>());
        Assert.Equal(201, attempt["response"]!["statusCode"]!.GetValue<int>());
        Assert.Contains("IN-42", attempt["response"]!["body"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bulk_upload_whose_handler_reads_the_raw_body_is_logged_with_it()
    {
        var lab = await _hub.Client.CreateLabAsync("BULKIN");
        var answer = await _hub.Client.PostAsync($"/api/labs/{lab}/patients/bulk", new StringContent("mrn,firstName,lastName\nBK-1,Asha,Rao\n", System.Text.Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var detail = await _hub.Client.WaitForInboundLogAsync("POST /api/labs/{labId}/patients/bulk");
        Assert.Equal("Success", detail.Status());
        Assert.Contains("BK-1,Asha,Rao", detail["attempts"]![0]!["request"]!["body"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_handler_that_throws_is_logged_as_FAIL_and_the_caller_gets_a_500_problem()
    {
        var answer = await _hub.Anonymous().PostAsJsonAsync("/test/throws", new { text = "T-1" });

        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Handler failed", await answer.Content.ReadAsStringAsync());
        var detail = await _hub.Client.WaitForInboundLogAsync("POST /test/throws");
        Assert.Equal("Fail", detail.Status());
        var attempt = detail["attempts"]!.AsArray().Single()!;
        Assert.Equal("InvalidOperationException: Handler failed on T-1.", attempt["error"]!["message"]!.GetValue<string>());
        Assert.Equal(500, attempt["response"]!["statusCode"]!.GetValue<int>());
        Assert.Contains("T-1", attempt["request"]!["body"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_controller_under_the_attribute_is_logged_both_when_it_answers_and_when_it_throws()
    {
        var ok = await _hub.Anonymous().PostAsJsonAsync("/test/controller/echo", new { text = "C-1" });
        var failed = await _hub.Anonymous().PostAsJsonAsync("/test/controller/throws", new { text = "C-2" });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        JsonNode[] logs = [];
        await HubApi.WaitUntilAsync(() =>
        {
            var page = _hub.Client.GetFromJsonAsync<JsonNode>("/api/logs?direction=Inbound&limit=100").GetAwaiter().GetResult()!;
            logs = [.. page["items"]!.AsArray().Where(i => i!["actionName"]!.GetValue<string>() == "Controller echo").Select(i => i!)];
            return logs.Length == 2;
        }, what: "both controller calls to be logged");
        Assert.Equal(["Fail", "Success"], logs.Select(l => l["status"]!.GetValue<string>()).Order());
        var failure = await _hub.Client.GetLogAsync(logs.Single(l => l["status"]!.GetValue<string>() == "Fail")["id"]!.GetValue<string>());
        Assert.Equal("InvalidOperationException: Action failed on C-2.", failure["attempts"]![0]!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_handler_that_dooms_its_EF_Core_transaction_is_still_logged_and_its_change_is_not_kept()
    {
        var answer = await _hub.Anonymous().PostAsJsonAsync("/test/doomed", new { text = "DOOMED" });

        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        var detail = await _hub.Client.WaitForInboundLogAsync("Doomed");
        Assert.Equal("Fail", detail.Status());
        Assert.Equal("InvalidOperationException: The second write broke the transaction.", detail["attempts"]![0]!["error"]!["message"]!.GetValue<string>());
        Assert.Equal(0, await _hub.LabAsync(db => db.Labs.CountAsync(l => l.Code == "DOOMED")));
        Assert.Equal(0, SpooledFiles());

        // On a single-writer store it went the second way at once: the store was never tried beside
        // the doomed transaction, which holds the one write lock. A store of many writers takes it directly.
        var logId = detail["log"]!["id"]!.GetValue<string>();
        var spooled = $"Inbound log {logId} goes to the spool: the request still holds an open database transaction.";
        if (_hub.Services.GetRequiredService<StorageCapabilities>().SingleWriter)
        {
            Assert.Contains(spooled, _serverLogs.Messages);
        }
        else
        {
            Assert.DoesNotContain(spooled, _serverLogs.Messages);
        }

        Assert.DoesNotContain(_serverLogs.Messages, m => m.Contains("refused inbound log", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_inbound_log_the_store_refuses_waits_in_the_spool_and_lands_when_the_store_recovers()
    {
        await using (await _hub.Faults.TakeLogStoreOfflineAsync())
        {
            var answer = await _hub.Anonymous().PostAsJsonAsync("/test/echo", new { text = "E-1" });

            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(1, SpooledFiles());
            Assert.Equal(0, await _hub.CountQueuedTasksAsync());
        }

        var detail = await _hub.Client.WaitForInboundLogAsync("Echo");
        Assert.Equal("Success", detail.Status());
        Assert.Contains("E-1", detail["attempts"]![0]!["response"]!["body"]!["text"]!.GetValue<string>());
        await HubApi.WaitUntilAsync(() => SpooledFiles() == 0, seconds: 40, what: "the spool to drain");
    }

    [Fact]
    public async Task A_record_neither_the_store_nor_the_queue_takes_waits_in_the_spool_until_they_recover()
    {
        await using (await _hub.Faults.TakeLogStoreOfflineAsync())
        await using (await _hub.Faults.TakeQueueOfflineAsync())
        {
            var answer = await _hub.Anonymous().PostAsJsonAsync("/test/echo", new { text = "S-1" });

            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(1, SpooledFiles());
        }

        var detail = await _hub.Client.WaitForInboundLogAsync("Echo");
        Assert.Contains("S-1", detail["attempts"]![0]!["request"]!["body"]!["text"]!.GetValue<string>());
        await HubApi.WaitUntilAsync(() => SpooledFiles() == 0, seconds: 40, what: "the spool to drain");
    }

    private int SpooledFiles()
    {
        var folder = Path.Combine(_hub.DataFolder, "spool");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Length : 0;
    }
}
