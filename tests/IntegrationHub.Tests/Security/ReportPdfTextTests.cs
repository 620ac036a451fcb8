using System.Net.Http.Json;
using IntegrationHub.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace IntegrationHub.Tests.Security;

public sealed class ReportPdfTextTests : HubTest
{
    private async Task<string> SignedPdfTextAsync(long lab, string mrn, string title, string signedBy, string findings = "Within normal limits.", string sampleType = "Blood")
    {
        var (patientId, _) = await Hub.Client.RegisterPatientAsync(lab, mrn, "Ōkubo", "Tōru");
        var sampleId = (await Hub.Client.PostOkAsync($"/api/labs/{lab}/samples", new { patientId, barcode = $"S-{mrn}", type = sampleType }))["id"]!.GetValue<long>();
        var reportId = (await Hub.Client.PostOkAsync($"/api/labs/{lab}/reports", new { patientId, sampleId, title, findings }))["id"]!.GetValue<long>();
        var signed = await Hub.Client.PostAsJsonAsync($"/api/labs/{lab}/reports/{reportId}/sign", new { signedBy });
        Assert.Equal(System.Net.HttpStatusCode.OK, signed.StatusCode);

        using var document = PdfDocument.Open(await Hub.Client.GetByteArrayAsync($"/api/labs/{lab}/reports/{reportId}/pdf"));
        return string.Join(" ", document.GetPages().Select(p => p.Text));
    }

    [Fact]
    public async Task A_title_and_a_signer_the_font_cannot_show_print_as_question_marks_like_the_patient_name()
    {
        var lab = await Hub.Client.CreateLabAsync("PDF-TEXT");

        var text = await SignedPdfTextAsync(lab, "PDF-1", "Hämatologie", "Dr. Ōta");

        Assert.Contains("H?matologie", text);
        Assert.Contains("Dr. ?ta", text);
        Assert.Contains("?kubo T?ru", text);
    }

    [Fact]
    public async Task Every_character_in_every_field_of_the_pdf_prints_or_becomes_a_question_mark()
    {
        var everything = new string([.. Enumerable.Range(0x20, 0x250 - 0x20).Select(c => (char)c)]) + " 脂質 😀 \t end";
        var lab = (await Hub.Client.PostOkAsync("/api/labs", new { name = "Labor " + everything[..150], code = "PDF-ALL" }))["id"]!.GetValue<long>();

        var text = await SignedPdfTextAsync(lab, "PDF-ALL", everything[..190], "Dr. " + everything[100..280], findings: everything, sampleType: "Blüt ä");

        Assert.Contains("Signed by Dr.", text);
        Assert.Contains("ABCDEFGHIJ", text);
        Assert.EndsWith("end", text.TrimEnd());
        Assert.Contains("Sample S-PDF-ALL (Bl", text);
    }
}
