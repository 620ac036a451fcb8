using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Security;

public sealed class LabInputLimitsTests : HubTest
{
    private long _lab;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("LIMITS");
    }

    private static async Task<JsonObject> AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string field, string rule)
    {
        Assert.Equal(status, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Contains(rule, errors[field]!.AsArray().Select(m => m!.GetValue<string>()).Single());
        return errors;
    }

    private async Task<long> DraftReportAsync(string title = "Lipid profile")
    {
        var (patientId, _) = await Hub.Client.RegisterPatientAsync(_lab, $"LIM-{Guid.NewGuid():N}"[..16]);
        return (await Hub.Client.PostOkAsync($"/api/labs/{_lab}/reports", new { patientId, title }))["id"]!.GetValue<long>();
    }

    [Fact]
    public async Task A_signer_name_over_its_limit_is_refused_naming_the_field_and_the_report_stays_unsigned()
    {
        var reportId = await DraftReportAsync();
        var response = await Hub.Client.PostAsJsonAsync($"/api/labs/{_lab}/reports/{reportId}/sign", new { signedBy = new string('S', 201) });

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "signedBy", "At most 200 characters");
        Assert.Equal(0, await Hub.LabAsync(db => db.Reports.CountAsync(r => r.Id == reportId && r.SignedAt != null)));
        Assert.False(File.Exists(Path.Combine(Hub.DataFolder, "reports", _lab.ToString(), $"{reportId}.pdf")));
    }

    [Fact]
    public async Task Every_free_text_field_of_the_lab_has_a_maximum()
    {
        var (patientId, _) = await Hub.Client.RegisterPatientAsync(_lab, "LIM-FIELDS");
        var cases = new (string Path, object Body, string Field, string Rule)[]
        {
            ("/api/labs", new { name = new string('L', 201), code = "LONG" }, "name", "At most 200"),
            ("/api/labs", new { name = "Code", code = new string('C', 33) }, "code", "At most 32"),
            ($"/api/labs/{_lab}/patients", new { mrn = "LIM-P", firstName = "A", lastName = "B", phone = new string('9', 33) }, "phone", "At most 32"),
            ($"/api/labs/{_lab}/reports", new { patientId, title = new string('T', 201) }, "title", "At most 200"),
            ($"/api/labs/{_lab}/reports", new { patientId, title = "ok", findings = new string('F', 64 * 1024 + 1) }, "findings", "At most 65536"),
            ($"/api/labs/{_lab}/samples", new { patientId, barcode = new string('B', 65), type = "Blood" }, "barcode", "At most 64"),
            ($"/api/labs/{_lab}/samples", new { patientId, barcode = "S-LIM", type = new string('T', 65) }, "type", "At most 64"),
            ($"/api/labs/{_lab}/bills", new { patientId, number = new string('N', 65), items = new[] { new { testCode = "CBC", quantity = 1, unitPrice = 1 } } }, "number", "At most 64"),
            ($"/api/labs/{_lab}/bills", new { patientId, currency = "RUPEE", items = new[] { new { testCode = "CBC", quantity = 1, unitPrice = 1 } } }, "currency", "At most 3"),
            ($"/api/labs/{_lab}/bills", new { patientId, items = new[] { new { testCode = new string('X', 33), quantity = 1, unitPrice = 1 } } }, "items[0].testCode", "At most 32"),
            ($"/api/labs/{_lab}/bills", new { patientId, items = new[] { new { testCode = "X", description = new string('D', 201), quantity = 1, unitPrice = 1 } } }, "items[0].description", "At most 200"),
            ($"/api/labs/{_lab}/bills", new { patientId, items = Enumerable.Repeat(new { testCode = "X", quantity = 1, unitPrice = 1 }, 501) }, "items", "At most 500 items"),
        };

        foreach (var (path, body, field, rule) in cases)
        {
            await AssertRefusedAsync(await Hub.Client.PostAsJsonAsync(path, body), HttpStatusCode.BadRequest, field, rule);
        }

        Assert.Equal(1, await Hub.LabAsync(db => db.Labs.CountAsync()));
        Assert.Equal(1, await Hub.LabAsync(db => db.Patients.CountAsync(p => p.LabId == _lab)));
        Assert.Equal(0, await Hub.LabAsync(async db => await db.Reports.CountAsync() + await db.Samples.CountAsync() + await db.Bills.CountAsync()));
    }

    [Fact]
    public async Task A_json_body_over_the_limit_is_refused_with_413_whether_its_length_is_declared_or_chunked()
    {
        var reportId = await DraftReportAsync();
        var json = $"{{\"signedBy\":\"{new string('S', 2 * 1024 * 1024)}\"}}";
        var declared = await Hub.Client.PostAsync($"/api/labs/{_lab}/reports/{reportId}/sign", new StringContent(json, Encoding.UTF8, "application/json"));
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        chunked.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/labs/{_lab}/reports/{reportId}/sign") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var streamed = await Hub.Client.SendAsync(request);

        await AssertRefusedAsync(declared, HttpStatusCode.RequestEntityTooLarge, "body", "At most 1048576 bytes");
        await AssertRefusedAsync(streamed, HttpStatusCode.RequestEntityTooLarge, "body", "At most 1048576 bytes");
        Assert.Equal(0, await Hub.LabAsync(db => db.Reports.CountAsync(r => r.SignedAt != null)));
    }

    [Fact]
    public async Task The_csv_route_takes_a_larger_body_than_the_json_routes()
    {
        // 1.5 MB, mostly blank lines (skipped): over the JSON routes' 1 MiB, within the CSV route's 4 MiB.
        var csv = "mrn,firstName,lastName\n" + new string('\n', 1_500_000) + "LIM-CSV,Asha,Rao\n";
        var response = await Hub.Client.PostAsync($"/api/labs/{_lab}/patients/bulk", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.ReadJsonAsync())["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Findings_of_one_long_paragraph_are_wrapped_into_the_pdf()
    {
        var (patientId, _) = await Hub.Client.RegisterPatientAsync(_lab, "LIM-WRAP");
        var words = string.Join(' ', Enumerable.Range(0, 6_000).Select(i => $"w{i:D5}"));
        var report = await Hub.Client.PostOkAsync($"/api/labs/{_lab}/reports", new { patientId, title = "Long", findings = words });
        var reportId = report["id"]!.GetValue<long>();
        await Hub.Client.PostOkAsync($"/api/labs/{_lab}/reports/{reportId}/sign", new { signedBy = "Dr. Wrap" });

        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await Hub.Client.GetByteArrayAsync($"/api/labs/{_lab}/reports/{reportId}/pdf"));
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.True(pdf.NumberOfPages > 1);
        Assert.Contains("w00000", text);
        Assert.Contains("w05999", text);
    }
}
