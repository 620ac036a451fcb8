using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace IntegrationHub.Tests;

public sealed class ReportTests : HubTest
{
    private long _lab;

    // One test streams a multi-megabyte PDF: these reports may carry more findings than the 64 Ki default.
    protected override Dictionary<string, string?> Settings => new()
    {
        ["IntegrationHub:LabLimits:FindingsMaxLength"] = $"{4 * 1024 * 1024}",
        ["IntegrationHub:LabLimits:MaxJsonBodyBytes"] = $"{8 * 1024 * 1024}",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("REPORTS");
    }

    private async Task<(long PatientId, long ReportId)> DraftAsync(string findings)
    {
        var (patientId, _) = await Hub.Client.RegisterPatientAsync(_lab, $"MRN-{Guid.NewGuid():N}"[..12], "Nila", "Varma");
        var report = await Hub.Client.PostOkAsync($"/api/labs/{_lab}/reports", new { patientId, title = "Lipid profile", findings });
        return (patientId, report["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Signing_a_report_produces_a_valid_pdf()
    {
        var (_, reportId) = await DraftAsync("LDL 96 mg/dL.\nHDL 52 mg/dL.");
        await Hub.Client.PostOkAsync($"/api/labs/{_lab}/reports/{reportId}/sign", new { signedBy = "Dr. Kapoor" });

        var pdf = await Hub.Client.GetByteArrayAsync($"/api/labs/{_lab}/reports/{reportId}/pdf");
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.EndsWith("%%EOF", Encoding.ASCII.GetString(pdf).TrimEnd());
        using var document = PdfDocument.Open(pdf);
        var text = string.Join(" ", document.GetPages().Select(p => p.Text));
        Assert.Contains("Nila", text);
        Assert.Contains("Dr. Kapoor", text);
        Assert.Contains("LDL 96", text);
    }

    [Fact]
    public async Task A_name_outside_latin_1_is_printed_as_question_marks_rather_than_failing_the_signature()
    {
        var (patientId, _) = await Hub.Client.RegisterPatientAsync(_lab, "MRN-OKUBO", "Ōkubo", "Tōru");
        var report = await Hub.Client.PostOkAsync($"/api/labs/{_lab}/reports", new { patientId, title = "Lipid profile — 脂質", findings = "LDL 96 mg/dL." });
        var reportId = report["id"]!.GetValue<long>();

        await Hub.Client.PostOkAsync($"/api/labs/{_lab}/reports/{reportId}/sign", new { signedBy = "Dr. Łukasz" });

        using var document = PdfDocument.Open(await Hub.Client.GetByteArrayAsync($"/api/labs/{_lab}/reports/{reportId}/pdf"));
        var text = string.Join(" ", document.GetPages().Select(p => p.Text));
        Assert.Contains("?kubo", text);
        Assert.Contains("Dr. ?ukasz", text);
    }

    [Fact]
    public async Task The_pdf_is_streamed_in_at_dispatch_and_never_queued_or_logged()
    {
        var gate = new TaskCompletionSource();
        Sink.Responder = async _ =>
        {
            await gate.Task;
            return SinkResponse.Ok("""{"data":{"reference":"EMR-77"}}""");
        };
        await Hub.Client.CreateIntegrationAsync(_lab, 15, Sink.Url("/emr-reports"), new
        {
            attachments = new[] { "report_pdf" },
            referenceField = "data.reference",
            payload = new
            {
                format = "Liquid",
                contentType = "application/json",
                template = """{"reportId": {{ report.id }}, "mrn": {{ patient.mrn | json }}, "pdf": "{{ attachments.report_pdf.base64 }}"}""",
            },
        });

        // About 3 MB of incompressible findings make a multi-megabyte PDF.
        var random = new Random(42);
        var findings = string.Join("\n", Enumerable.Range(0, 32_000).Select(_ =>
        {
            var bytes = new byte[66];
            random.NextBytes(bytes);
            return Convert.ToBase64String(bytes);
        }));
        var (_, reportId) = await DraftAsync(findings);
        var signed = await Hub.Client.PostOkAsync($"/api/labs/{_lab}/reports/{reportId}/sign", new { signedBy = "Dr. Big" });
        var logId = signed["deliveryLogIds"]![0]!.GetValue<string>();
        var pdf = await Hub.Client.GetByteArrayAsync($"/api/labs/{_lab}/reports/{reportId}/pdf");
        Assert.True(pdf.Length > 2_000_000, $"PDF is {pdf.Length} bytes");

        await HubApi.WaitUntilAsync(() => Sink.Requests.Count == 1, what: "the delivery to reach the partner");
        var queuedTask = (await Hub.Faults.ReadQueueAsync()).FirstOrDefault(t => t.LogId == logId)?.Text ?? "";
        Assert.InRange(queuedTask.Length, 1, 4096);
        gate.SetResult();

        var log = await Hub.Client.WaitForStatusAsync(logId, "Success");
        var sent = JsonNode.Parse(Sink.Requests.Single().Body)!;
        var received = Convert.FromBase64String(sent["pdf"]!.GetValue<string>());
        Assert.Equal(pdf, received);

        var attachment = log["attempts"]![0]!["request"]!["attachments"]![0]!;
        Assert.Equal(pdf.Length, attachment["size"]!.GetValue<long>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), attachment["sha256"]!.GetValue<string>());
        Assert.True(log.ToJsonString().Length < 200_000, "the log must not hold the PDF");
        Assert.Contains("@@hub-attachment:report_pdf@@", log["log"]!["payload"]!["text"]!.GetValue<string>());

        // Status callback: the report records which partner received it and the partner's reference.
        var report = await (await Hub.Client.GetAsync($"/api/labs/{_lab}/reports/{reportId}")).ReadJsonAsync();
        var delivery = report["deliveries"]!.AsArray().Single()!;
        Assert.True(delivery["succeeded"]!.GetValue<bool>());
        Assert.Equal("EMR-77", delivery["partnerReference"]!.GetValue<string>());
        Assert.Equal(logId, delivery["logId"]!.GetValue<string>());
        Assert.Equal("EMR-77", log["log"]!["state"]!["partnerReference"]!.GetValue<string>());
    }

    [Fact]
    public async Task Signing_twice_is_rejected()
    {
        var (_, reportId) = await DraftAsync("ok");
        await Hub.Client.PostOkAsync($"/api/labs/{_lab}/reports/{reportId}/sign", new { signedBy = "Dr. A" });
        var again = await Hub.Client.PostAsync($"/api/labs/{_lab}/reports/{reportId}/sign", new StringContent("{\"signedBy\":\"Dr. B\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }
}
