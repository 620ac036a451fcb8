using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Logging;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests;

public sealed class BulkUploadTests : HubTest
{

    private static readonly (string Mrn, string First, string Last, string Dob)[] People =
    [
        ("BU-1", "Asha", "Rao", "1985-04-02"),
        ("BU-2", "Vikram", "Shah, Jr.", "1979-11-30"),
        ("BU-3", "Meera", "Iyer", "2001-01-15"),
    ];

    private Task<HttpResponseMessage> UploadAsync(long lab, string csv) =>
        Hub.Client.PostAsync($"/api/labs/{lab}/patients/bulk", new StringContent(csv, Encoding.UTF8, "text/csv"));

    [Fact]
    public async Task Bulk_upload_and_api_produce_the_same_logs_for_the_same_patients()
    {
        var apiLab = await Hub.Client.CreateLabAsync("VIA-API");
        var bulkLab = await Hub.Client.CreateLabAsync("VIA-BULK");
        await Hub.Client.CreateIntegrationAsync(apiLab, 57, Sink.Url("/api-lab"));
        await Hub.Client.CreateIntegrationAsync(bulkLab, 57, Sink.Url("/bulk-lab"));

        foreach (var p in People)
        {
            await Hub.Client.PostOkAsync($"/api/labs/{apiLab}/patients", new { mrn = p.Mrn, firstName = p.First, lastName = p.Last, dateOfBirth = p.Dob });
        }

        var csv = "mrn,firstName,lastName,dateOfBirth\n" + string.Join("\n", People.Select(p => $"{p.Mrn},{p.First},\"{p.Last}\",{p.Dob}"));
        var upload = await UploadAsync(bulkLab, csv);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal(3, (await upload.ReadJsonAsync())["count"]!.GetValue<int>());

        async Task<List<string>> Deliveries(long lab)
        {
            var page = await (await Hub.Client.GetAsync($"/api/logs?labId={lab}&direction=Outbound")).ReadJsonAsync();
            var shapes = new List<string>();
            foreach (var item in page["items"]!.AsArray())
            {
                var log = await Hub.Client.WaitForStatusAsync(item!["id"]!.GetValue<string>(), "Success");
                var payload = JsonNode.Parse(log["log"]!["payload"]!["text"]!.GetValue<string>())!;
                var patient = payload["patient"]!.AsObject();
                patient.Remove("id");
                patient.Remove("updatedAt");
                shapes.Add($"{log["log"]!["actionName"]}|{log.Status()}|{log.Attempts()}|{patient.ToJsonString()}");
            }

            shapes.Sort(StringComparer.Ordinal);
            return shapes;
        }

        var viaApi = await Deliveries(apiLab);
        var viaBulk = await Deliveries(bulkLab);
        Assert.Equal(3, viaApi.Count);
        Assert.Equal(viaApi, viaBulk);
        Assert.Contains(viaBulk, s => s.Contains("Shah, Jr.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_row_rejects_the_whole_file_naming_the_row_and_writes_nothing()
    {
        var lab = await Hub.Client.CreateLabAsync("BAD-CSV");
        await Hub.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/bad"));
        var csv = "mrn,firstName,lastName,dateOfBirth\nOK-1,Asha,Rao,1985-04-02\nOK-2,,Shah,1979-11-30\nOK-3,Meera,Iyer,15/01/2001\n";
        var response = await UploadAsync(lab, csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.NotNull(errors["row 3: firstName"]);
        Assert.NotNull(errors["row 4: dateOfBirth"]);
        Assert.Equal(0, await Hub.LabAsync(db => db.Patients.CountAsync(p => p.LabId == lab)));
        Assert.Equal(0, await Hub.CountLogsAsync(new LogQuery { LabId = lab, Direction = LogDirection.Outbound }));
    }

    [Fact]
    public async Task A_file_without_the_required_columns_is_rejected()
    {
        var lab = await Hub.Client.CreateLabAsync("NOHEAD");
        var response = await UploadAsync(lab, "name,dob\nAsha,1985\n");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("mrn", (await response.ReadJsonAsync())["detail"]!.GetValue<string>());
    }
}
