using System.Net;
using System.Net.Http.Json;
using System.Text;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Security;

/// <summary>Validation answers name the field and the rule: the submitted value (an MRN, a name, a date) is patient data and is not repeated.</summary>
public sealed class PatientDataInErrorsTests : HubTest
{
    private long _lab;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("PHI");
    }

    private Task<HttpResponseMessage> UploadAsync(string csv) =>
        Hub.Client.PostAsync($"/api/labs/{_lab}/patients/bulk", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task AssertRefusedWithoutAsync(HttpResponseMessage response, string field, params string[] values)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.NotNull(System.Text.Json.Nodes.JsonNode.Parse(body)!["errors"]![field]);
        foreach (var value in values)
        {
            Assert.DoesNotContain(value, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_duplicate_mrn_is_refused_without_repeating_the_mrn()
    {
        await Hub.Client.RegisterPatientAsync(_lab, "MRN-SECRET-4711");

        var again = await Hub.Client.PostAsJsonAsync($"/api/labs/{_lab}/patients", new { mrn = "MRN-SECRET-4711", firstName = "Asha", lastName = "Rao" });

        await AssertRefusedWithoutAsync(again, "mrn", "SECRET-4711");
    }

    [Fact]
    public async Task Correcting_a_patient_to_another_patients_mrn_is_refused_without_repeating_it()
    {
        await Hub.Client.RegisterPatientAsync(_lab, "MRN-OTHER-0815");
        var (id, _) = await Hub.Client.RegisterPatientAsync(_lab, "MRN-MINE-0001");

        var corrected = await Hub.Client.PutAsJsonAsync($"/api/labs/{_lab}/patients/{id}", new { mrn = "MRN-OTHER-0815", firstName = "Asha", lastName = "Rao" });

        await AssertRefusedWithoutAsync(corrected, "mrn", "OTHER-0815");
    }

    [Fact]
    public async Task A_bad_csv_date_is_refused_without_repeating_the_value()
    {
        var response = await UploadAsync("mrn,firstName,lastName,dateOfBirth\nPHI-1,Asha,Rao,31/12/1984x\n");

        await AssertRefusedWithoutAsync(response, "row 2: dateOfBirth", "31/12/1984x");
        Assert.Equal(0, await Hub.LabAsync(db => db.Patients.CountAsync(p => p.LabId == _lab)));
    }

    [Fact]
    public async Task Csv_mrns_repeated_in_the_file_or_already_registered_are_refused_without_repeating_them()
    {
        await Hub.Client.RegisterPatientAsync(_lab, "MRN-TAKEN-9001");

        var repeated = await UploadAsync("mrn,firstName,lastName\nMRN-TWICE-77,Asha,Rao\nMRN-TWICE-77,Asha,Rao\n");
        var taken = await UploadAsync("mrn,firstName,lastName\nMRN-TAKEN-9001,Asha,Rao\n");

        await AssertRefusedWithoutAsync(repeated, "row 3: mrn", "TWICE-77");
        await AssertRefusedWithoutAsync(taken, "row 2: mrn", "TAKEN-9001");
    }

    [Fact]
    public async Task A_csv_without_its_header_line_does_not_quote_the_first_patient_back()
    {
        var response = await UploadAsync("MRN-HEAD-31,Priya,Menon\nMRN-HEAD-32,Ravi,Menon\n");

        await AssertRefusedWithoutAsync(response, "csv", "HEAD-31", "Priya", "Menon");
    }

    [Fact]
    public async Task A_barcode_in_use_and_a_lab_code_in_use_are_refused_without_repeating_them()
    {
        var (patientId, _) = await Hub.Client.RegisterPatientAsync(_lab, "PHI-SAMPLE");
        await Hub.Client.PostOkAsync($"/api/labs/{_lab}/samples", new { patientId, barcode = "BC-UNIQUE-555", type = "Blood" });

        var sample = await Hub.Client.PostAsJsonAsync($"/api/labs/{_lab}/samples", new { patientId, barcode = "BC-UNIQUE-555", type = "Blood" });
        var lab = await Hub.Client.PostAsJsonAsync("/api/labs", new { name = "Again", code = "PHI" });

        await AssertRefusedWithoutAsync(sample, "barcode", "UNIQUE-555");
        await AssertRefusedWithoutAsync(lab, "code", "\"PHI\"", "'PHI'");
    }
}
