using System.Net.Http.Json;
using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Dashboard;

/// <summary>
/// Two labs, their partners and users, as the browser tests meet them: North Lab's hospital EMR
/// refuses the misspelt name "Ravii", so those registrations fail until the name is fixed.
/// </summary>
public sealed class DashboardScenario
{
    public const string OperatorName = "olivia.ops";
    public const string ViewerName = "victor.view";
    public const string Password = "dashboard-pass-123";

    public long LabA { get; private set; }

    public long LabB { get; private set; }

    public long EmrIntegration { get; private set; }

    public long FailingPatient { get; private set; }

    public string FailingLog { get; private set; } = "";

    public List<string> OtherFailedLogs { get; } = [];

    public string LabBLog { get; private set; } = "";

    public long HealthyPatient { get; private set; }

    public static async Task<DashboardScenario> SeedAsync(HubTestServer hub, TestSink sink)
    {
        var s = new DashboardScenario();
        var api = hub.Client;
        sink.Responder = r => Task.FromResult(r.Body.Contains("Ravii", StringComparison.Ordinal)
            ? SinkResponse.WithStatus(400, """{"error":"patient name does not match the hospital record"}""")
            : SinkResponse.Ok($$"""{"id":"EMR-{{r.Sequence}}"}"""));
        s.LabA = (await api.PostOkAsync("/api/labs", new { name = "North Lab", code = "NORTH" }))["id"]!.GetValue<long>();
        s.LabB = (await api.PostOkAsync("/api/labs", new { name = "South Lab", code = "SOUTH" }))["id"]!.GetValue<long>();
        s.EmrIntegration = await api.CreateIntegrationAsync(s.LabA, 57, sink.Url("/emr"), new { name = "City Hospital EMR", vendor = "Epic", maxAttempts = 1, rateLimitPerSecond = 5 });
        await api.CreateIntegrationAsync(s.LabA, 1, sink.Url("/insurer"), new { name = "Star Health claims", vendor = "Star Health", auth = new { kind = "Bearer", token = "star-token-secret" } });
        await api.CreateIntegrationAsync(s.LabB, 57, sink.Url("/south"), new { name = "South Registry", vendor = "Gov" });

        (s.FailingPatient, var failing) = await api.RegisterPatientAsync(s.LabA, "N-1001", "Ravii", "Kumar");
        s.FailingLog = failing.Single();
        for (var i = 0; i < 2; i++)
        {
            s.OtherFailedLogs.Add((await api.RegisterPatientAsync(s.LabA, $"N-200{i}", "Ravii", $"Shah{i}")).LogIds.Single());
        }

        (s.HealthyPatient, var healthy) = await api.RegisterPatientAsync(s.LabA, "N-3001", "Asha", "Rao");
        await api.PostOkAsync($"/api/labs/{s.LabA}/bills", new { patientId = s.HealthyPatient, items = new[] { new { testCode = "CBC", description = "Complete blood count", quantity = 1, unitPrice = 450 } } });
        s.LabBLog = (await api.RegisterPatientAsync(s.LabB, "S-1", "Kiran", "Das")).LogIds.Single();

        await api.WaitForStatusAsync(s.FailingLog, "Fail");
        foreach (var log in s.OtherFailedLogs)
        {
            await api.WaitForStatusAsync(log, "Fail");
        }

        await api.WaitForStatusAsync(healthy.Single(), "Success");
        await api.WaitForStatusAsync(s.LabBLog, "Success");
        await api.PostOkAsync("/api/users", new { userName = OperatorName, password = Password, role = "Operator", labs = s.LabA.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await api.PostOkAsync("/api/users", new { userName = ViewerName, password = Password, role = "Viewer", labs = s.LabA.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return s;
    }

    /// <summary>Corrects the misspelt name, as the lab would before retrying.</summary>
    public async Task FixFailingPatientAsync(HttpClient api)
    {
        var answer = await api.PutAsJsonAsync($"/api/labs/{LabA}/patients/{FailingPatient}", new { mrn = "N-1001", firstName = "Ravi", lastName = "Kumar" });
        answer.EnsureSuccessStatusCode();
    }
}
