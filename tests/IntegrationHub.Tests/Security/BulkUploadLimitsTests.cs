using System.Net;
using System.Net.Http.Json;
using System.Text;
using IntegrationHub.Logging;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Security;

public sealed class BulkUploadLimitsTests : HubTest
{
    // A CSV body limit above 10 MB, so the field limit is what refuses a 10 MB field.
    protected override Dictionary<string, string?> Settings => new() { ["IntegrationHub:LabLimits:MaxCsvBodyBytes"] = $"{16 * 1024 * 1024}" };

    private Task<HttpResponseMessage> UploadAsync(long lab, string csv) =>
        Hub.Client.PostAsync($"/api/labs/{lab}/patients/bulk", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static string Csv(string prefix, int rows) =>
        "mrn,firstName,lastName,dateOfBirth,sex,phone,email\n"
        + string.Concat(Enumerable.Range(0, rows).Select(i => $"{prefix}-{i},First{i},Last{i},1980-01-01,F,+91-90000-{i:D5},p{i}@example.org\n"));

    private static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return (await response.ReadJsonAsync())["detail"]!.GetValue<string>();
    }

    private Task<int> PatientsAsync(long lab) => Hub.LabAsync(db => db.Patients.CountAsync(p => p.LabId == lab));

    private Task<long> OutboundLogsAsync(long lab) => Hub.CountLogsAsync(new LogQuery { LabId = lab, Direction = LogDirection.Outbound });

    [Fact]
    public async Task A_file_over_the_row_limit_is_refused_naming_the_limit_and_writes_nothing()
    {
        var lab = await Hub.Client.CreateLabAsync("ROWS");

        var detail = await ProblemAsync(await UploadAsync(lab, Csv("R", 1_001)), HttpStatusCode.BadRequest);

        Assert.Contains("At most 1000 patients per upload", detail);
        Assert.Equal(0, await PatientsAsync(lab));
    }

    [Theory]
    [InlineData("mrn,firstName,lastName,mrn\nH-1,Asha,Rao,H-1\n", "names mrn twice")]
    [InlineData("mrn,firstName,lastName,\nH-1,Asha,Rao,\n", "Column 4 of the header has no name")]
    [InlineData("mrn,,firstName,lastName\nH-1,x,Asha,Rao\n", "Column 2 of the header has no name")]
    public async Task A_header_with_a_repeated_or_empty_column_name_is_a_400_naming_the_problem(string csv, string problem)
    {
        var lab = await Hub.Client.CreateLabAsync($"HDR-{Guid.NewGuid():N}"[..12]);

        Assert.Contains(problem, await ProblemAsync(await UploadAsync(lab, csv), HttpStatusCode.BadRequest));
        Assert.Equal(0, await PatientsAsync(lab));
    }

    [Fact]
    public async Task A_ten_megabyte_field_is_a_400_naming_the_row_the_column_and_the_limit()
    {
        var lab = await Hub.Client.CreateLabAsync("BIGFIELD");
        var csv = "mrn,firstName,lastName\nF-1,Asha,Rao\nF-2," + new string('a', 10 * 1024 * 1024) + ",Rao\n";

        var response = await UploadAsync(lab, csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Contains("at most 1024 characters", errors["row 3: firstName"]![0]!.GetValue<string>());
        Assert.Equal(0, await PatientsAsync(lab));
    }

    [Fact]
    public async Task A_file_with_an_mrn_already_registered_writes_none_of_its_rows()
    {
        var lab = await Hub.Client.CreateLabAsync("TAKEN");
        await Hub.Client.CreateIntegrationAsync(lab, 57, Sink.Url("/taken"));
        await Hub.Client.RegisterPatientAsync(lab, "T-7");

        var response = await UploadAsync(lab, Csv("T", 20));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal(["row 9: mrn"], errors.Select(e => e.Key));
        Assert.Equal(1, await PatientsAsync(lab));
        Assert.Equal(1, await OutboundLogsAsync(lab));
    }

    [Fact]
    public async Task Another_lab_registers_a_patient_while_a_maximum_size_upload_runs()
    {
        var labA = await Hub.Client.CreateLabAsync("BULK-A");
        var labB = await Hub.Client.CreateLabAsync("BULK-B");
        await Hub.Client.CreateIntegrationAsync(labA, 57, Sink.Url("/bulk-a"));
        await Hub.Client.CreateIntegrationAsync(labB, 57, Sink.Url("/bulk-b"));

        var upload = UploadAsync(labA, Csv("MAX", 1_000));
        var registrations = new List<HttpResponseMessage>();
        do
        {
            registrations.Add(await Hub.Client.PostAsJsonAsync($"/api/labs/{labB}/patients", new { mrn = $"B-{registrations.Count}", firstName = "Lena", lastName = "Berg" }));
        }
        while (!upload.IsCompleted);

        Assert.Equal(HttpStatusCode.OK, (await upload).StatusCode);
        Assert.All(registrations, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(1_000, await PatientsAsync(labA));
        Assert.Equal(registrations.Count, await PatientsAsync(labB));
        Assert.Equal(1_000, await OutboundLogsAsync(labA));
        Assert.Equal(registrations.Count, await OutboundLogsAsync(labB));
    }

    [Fact]
    public async Task Bulk_patients_read_back_as_the_api_writes_them()
    {
        var lab = await Hub.Client.CreateLabAsync("READBACK");
        var upload = await UploadAsync(lab, "mrn,firstName,lastName,dateOfBirth,sex,phone,email\nRB-1,Asha,\"Rao, Jr.\",1985-04-02,f,+91-1,asha@example.org\n");
        var viaBulk = (await upload.ReadJsonAsync())["patients"]![0]!["entity"]!;
        var viaApi = (await Hub.Client.PostOkAsync($"/api/labs/{lab}/patients", new { mrn = "RB-2", firstName = "Asha", lastName = "Rao, Jr.", dateOfBirth = "1985-04-02", sex = "f", phone = "+91-1", email = "asha@example.org" }))["entity"]!;

        var bulkRead = await (await Hub.Client.GetAsync($"/api/labs/{lab}/patients/{viaBulk["id"]}")).ReadJsonAsync();
        var apiRead = await (await Hub.Client.GetAsync($"/api/labs/{lab}/patients/{viaApi["id"]}")).ReadJsonAsync();

        Assert.Equal(viaBulk["createdAt"]!.GetValue<DateTimeOffset>(), bulkRead["createdAt"]!.GetValue<DateTimeOffset>());
        foreach (var field in new[] { "firstName", "lastName", "dateOfBirth", "sex", "phone", "email" })
        {
            Assert.Equal(apiRead[field]!.ToJsonString(), bulkRead[field]!.ToJsonString());
        }
    }
}
