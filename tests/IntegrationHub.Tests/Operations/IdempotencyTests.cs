using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Hosting;
using IntegrationHub.Storage.Sqlite;
using IntegrationHub.Lab.Services;
using IntegrationHub.Lab.Web.Idempotency;
using IntegrationHub.Logging;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Tests.Operations;

public sealed class IdempotencyTests : HubTest
{
    private long _lab;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _lab = await Hub.Client.CreateLabAsync("IDEM");
    }

    private static object Patient(string mrn) => new { mrn, firstName = "Asha", lastName = "Rao", sex = "F", dateOfBirth = "1985-04-02" };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent content, params string[] keys)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var key in keys)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader.Name, key);
        }

        return await client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostAsync(string path, object body, params string[] keys) =>
        SendAsync(Hub.Client, HttpMethod.Post, path, JsonContent.Create(body), keys);

    private static bool Replayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues(IdempotencyKeyHeader.Replayed, out var values) && values.Single() == "true";

    private static Task<int> PatientsAsync(HubTestServer hub, long lab) => hub.LabAsync(db => db.Patients.CountAsync(p => p.LabId == lab));

    private Task<int> PatientsAsync(long lab) => PatientsAsync(Hub, lab);

    private Task<int> PatientsAsync(string mrn) => Hub.LabAsync(db => db.Patients.CountAsync(p => p.Mrn == mrn));

    private Task<int> BillsAsync(long lab) => Hub.LabAsync(db => db.Bills.CountAsync(b => b.LabId == lab));

    private static Task<int> IdempotencyKeysAsync(HubTestServer hub) => hub.LabAsync(db => db.IdempotencyRecords.CountAsync());

    private Task<long> OutboundLogsAsync(long lab) => Hub.CountLogsAsync(new LogQuery { LabId = lab, Direction = LogDirection.Outbound });

    /// <summary>Asserts the second answer repeats the first byte for byte, marked as replayed.</summary>
    private static async Task<JsonNode> AssertReplayOfAsync(HttpResponseMessage first, HttpResponseMessage repeat)
    {
        var body = await first.Content.ReadAsStringAsync();
        Assert.Equal(first.StatusCode, repeat.StatusCode);
        Assert.Equal(body, await repeat.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.False(Replayed(first));
        Assert.True(Replayed(repeat));
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task A_repeated_registration_with_one_key_returns_the_first_answer_and_registers_one_patient()
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/emr"));

        var first = await PostAsync($"/api/labs/{_lab}/patients", Patient("IDEM-1"), "register-IDEM-1");
        var repeat = await PostAsync($"/api/labs/{_lab}/patients", Patient("IDEM-1"), "register-IDEM-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var answer = await AssertReplayOfAsync(first, repeat);
        Assert.Equal($"/api/labs/{_lab}/patients/{answer["entity"]!["id"]}", first.Headers.Location!.ToString());
        Assert.Equal(1, await PatientsAsync(_lab));
        Assert.Equal(1, await OutboundLogsAsync(_lab));
        await Hub.Client.WaitForStatusAsync(answer["deliveryLogIds"]![0]!.GetValue<string>(), "Success");
        Assert.Single(Sink.RequestsTo("/emr"));
    }

    [Fact]
    public async Task A_repeated_bill_with_one_key_generates_one_bill_and_one_delivery()
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 1, Sink.Url("/billing"));
        var (patientId, _) = await Hub.Client.RegisterPatientAsync(_lab, "IDEM-BILL");
        var bill = new { patientId, items = new[] { new { testCode = "CBC", description = "Blood count", quantity = 1, unitPrice = 300 } } };

        var first = await PostAsync($"/api/labs/{_lab}/bills", bill, "bill-1");
        var repeat = await PostAsync($"/api/labs/{_lab}/bills", bill, "bill-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var answer = await AssertReplayOfAsync(first, repeat);
        Assert.Equal(1, await BillsAsync(_lab));
        Assert.Equal(1, await OutboundLogsAsync(_lab));
        await Hub.Client.WaitForStatusAsync(answer["deliveryLogIds"]![0]!.GetValue<string>(), "Success");
        Assert.Single(Sink.RequestsTo("/billing"));
    }

    [Fact]
    public async Task A_repeated_signature_with_one_key_answers_the_first_signature_instead_of_already_signed()
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 15, Sink.Url("/reports"));
        var (patientId, _) = await Hub.Client.RegisterPatientAsync(_lab, "IDEM-REP");
        var reportId = (await Hub.Client.PostOkAsync($"/api/labs/{_lab}/reports", new { patientId, title = "Lipid profile" }))["id"]!.GetValue<long>();
        var path = $"/api/labs/{_lab}/reports/{reportId}/sign";

        var first = await PostAsync(path, new { signedBy = "Dr. Kapoor" }, "sign-1");
        var repeat = await PostAsync(path, new { signedBy = "Dr. Kapoor" }, "sign-1");
        var withoutKey = await PostAsync(path, new { signedBy = "Dr. Kapoor" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var answer = await AssertReplayOfAsync(first, repeat);
        Assert.Equal(HttpStatusCode.BadRequest, withoutKey.StatusCode);
        Assert.Contains("already signed", await withoutKey.Content.ReadAsStringAsync());
        Assert.Equal(1, await OutboundLogsAsync(_lab));
        await Hub.Client.WaitForStatusAsync(answer["deliveryLogIds"]![0]!.GetValue<string>(), "Success");
        Assert.Single(Sink.RequestsTo("/reports"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_or_route_answers_422_and_changes_nothing()
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/emr"));
        var first = await PostAsync($"/api/labs/{_lab}/patients", Patient("IDEM-A"), "shared");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var patientId = (await first.ReadJsonAsync())["entity"]!["id"]!.GetValue<long>();

        var otherBody = await PostAsync($"/api/labs/{_lab}/patients", Patient("IDEM-B"), "shared");
        var otherRoute = await PostAsync($"/api/labs/{_lab}/bills", new { patientId, items = new[] { new { testCode = "CBC", quantity = 1, unitPrice = 1 } } }, "shared");

        foreach (var refused in new[] { otherBody, otherRoute })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var problem = await refused.ReadJsonAsync();
            Assert.Contains("'shared'", problem["detail"]!.GetValue<string>());
            Assert.Contains("RegisterPatient", problem["detail"]!.GetValue<string>());
            Assert.False(Replayed(refused));
        }

        Assert.Equal(0, await PatientsAsync("IDEM-B"));
        Assert.Equal(0, await BillsAsync(_lab));
        Assert.Equal(1, await OutboundLogsAsync(_lab));
    }

    [Fact]
    public async Task Ten_concurrent_calls_with_one_key_register_one_patient_and_all_get_its_answer()
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/emr"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync($"/api/labs/{_lab}/patients", Patient("IDEM-RACE"), "race")));

        // Repeats wait for the running first call (InFlightWait) and get its answer: no 409, no second change.
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Single(answers, a => !Replayed(a));
        Assert.Equal(1, await PatientsAsync(_lab));
        Assert.Equal(1, await OutboundLogsAsync(_lab));
        await Hub.Client.WaitForStatusAsync(JsonNode.Parse(bodies[0])!["deliveryLogIds"]![0]!.GetValue<string>(), "Success");
        Assert.Single(Sink.RequestsTo("/emr"));
    }

    [Fact]
    public async Task A_repeat_that_arrives_while_the_first_call_runs_waits_for_its_answer()
    {
        var locks = Hub.Services.GetRequiredService<IdempotencyKeyLocks>();
        Task<HttpResponseMessage> first, repeat;
        await using (await Hub.Faults.HoldPatientWritesAsync())
        {
            // The first call holds its key and waits for the database; the repeat must wait for the key.
            first = PostAsync($"/api/labs/{_lab}/patients", Patient("IDEM-WAIT"), "wait");
            await HubApi.WaitUntilAsync(() => locks.IsHeld(_lab, "wait"), what: "the first call to hold its key");
            repeat = PostAsync($"/api/labs/{_lab}/patients", Patient("IDEM-WAIT"), "wait");
            await Task.Delay(200);
            Assert.False(repeat.IsCompleted);
        }

        await AssertReplayOfAsync(await first, await repeat);
        Assert.Equal(1, await PatientsAsync(_lab));
    }

    [Fact]
    public async Task A_repeat_while_the_first_call_runs_longer_than_the_wait_answers_409_and_changes_nothing()
    {
        await using var hub = await HubTestServer.StartAsync(new() { ["IntegrationHub:Idempotency:InFlightWait"] = "00:00:00" });
        var lab = await hub.Client.CreateLabAsync("IDEM-409");
        var path = $"/api/labs/{lab}/patients";
        HttpResponseMessage repeat;

        // The test holds the key as a first call still running would.
        using (await hub.Services.GetRequiredService<IdempotencyKeyLocks>().TryEnterAsync(lab, "slow", TimeSpan.Zero, CancellationToken.None))
        {
            repeat = await SendAsync(hub.Client, HttpMethod.Post, path, JsonContent.Create(Patient("IDEM-409")), "slow");
        }

        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
        Assert.Contains("in progress", (await repeat.ReadJsonAsync())["detail"]!.GetValue<string>());
        Assert.Equal(0, await PatientsAsync(hub, lab));
        Assert.Equal(0, await IdempotencyKeysAsync(hub));
        var afterwards = await SendAsync(hub.Client, HttpMethod.Post, path, JsonContent.Create(Patient("IDEM-409")), "slow");
        Assert.Equal(HttpStatusCode.Created, afterwards.StatusCode);
        Assert.False(Replayed(afterwards));
    }

    [Fact]
    public async Task A_key_whose_answer_was_never_stored_answers_409_and_changes_nothing()
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/emr"));
        var first = await PostAsync($"/api/labs/{_lab}/patients", Patient("IDEM-LOST"), "lost");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        // What a crash between the commit and the stored answer leaves behind.
        Assert.Equal(1, await Hub.Faults.ForgetIdempotentAnswersAsync());

        var repeat = await PostAsync($"/api/labs/{_lab}/patients", Patient("IDEM-LOST"), "lost");

        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
        Assert.Contains("not recorded", (await repeat.ReadJsonAsync())["title"]!.GetValue<string>());
        Assert.Equal(1, await PatientsAsync(_lab));
        Assert.Equal(1, await OutboundLogsAsync(_lab));
    }

    [Fact]
    public async Task Different_labs_may_use_the_same_key()
    {
        var other = await Hub.Client.CreateLabAsync("IDEM-OTHER");

        var here = await PostAsync($"/api/labs/{_lab}/patients", Patient("IDEM-SAME"), "same-key");
        var there = await PostAsync($"/api/labs/{other}/patients", Patient("IDEM-SAME"), "same-key");

        Assert.Equal(HttpStatusCode.Created, here.StatusCode);
        Assert.Equal(HttpStatusCode.Created, there.StatusCode);
        Assert.False(Replayed(there));
        Assert.NotEqual((await here.ReadJsonAsync())["entity"]!["id"]!.GetValue<long>(), (await there.ReadJsonAsync())["entity"]!["id"]!.GetValue<long>());
        Assert.Equal(2, await PatientsAsync("IDEM-SAME"));
    }

    [Fact]
    public async Task A_caller_outside_the_lab_gets_404_not_the_stored_answer()
    {
        var first = await PostAsync($"/api/labs/{_lab}/patients", Patient("IDEM-SCOPE"), "scoped");
        var other = await Hub.Client.CreateLabAsync("IDEM-ELSEWHERE");
        using var outsider = await Hub.ClientForAsync("Operator", other.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var repeat = await SendAsync(outsider, HttpMethod.Post, $"/api/labs/{_lab}/patients", JsonContent.Create(Patient("IDEM-SCOPE")), "scoped");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, repeat.StatusCode);
        Assert.False(Replayed(repeat));
        Assert.DoesNotContain("IDEM-SCOPE", await repeat.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_key_a_repeated_call_runs_twice_as_before()
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 1, Sink.Url("/billing"));
        var (patientId, _) = await Hub.Client.RegisterPatientAsync(_lab, "IDEM-NOKEY");
        var bill = new { patientId, items = new[] { new { testCode = "CBC", quantity = 1, unitPrice = 300 } } };

        var first = await PostAsync($"/api/labs/{_lab}/bills", bill);
        var second = await PostAsync($"/api/labs/{_lab}/bills", bill);
        var samePatientAgain = await PostAsync($"/api/labs/{_lab}/patients", Patient("IDEM-NOKEY"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(Replayed(second));
        Assert.Equal(2, await BillsAsync(_lab));
        Assert.Equal(2, await OutboundLogsAsync(_lab));
        Assert.Equal(HttpStatusCode.BadRequest, samePatientAgain.StatusCode);
        Assert.Equal(0, await IdempotencyKeysAsync(Hub));
    }

    public static TheoryData<string> MalformedKeys => new() { "", "tab\tinside", new string('k', 256) };

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public async Task A_malformed_key_answers_400_and_changes_nothing(string key)
    {
        var answer = await PostAsync($"/api/labs/{_lab}/patients", Patient("IDEM-BAD"), key);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.NotNull((await answer.ReadJsonAsync())["errors"]![IdempotencyKeyHeader.Name]);
        Assert.Equal(0, await PatientsAsync(_lab));
    }

    [Fact]
    public async Task A_key_of_255_printable_characters_is_accepted()
    {
        var key = string.Concat(Enumerable.Range(0, 255).Select(i => (char)(' ' + 1 + (i % 94))));

        var first = await PostAsync($"/api/labs/{_lab}/patients", Patient("IDEM-LONG"), key);
        var repeat = await PostAsync($"/api/labs/{_lab}/patients", Patient("IDEM-LONG"), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertReplayOfAsync(first, repeat);
    }

    [Fact]
    public async Task A_rolled_back_change_leaves_its_key_free()
    {
        await Hub.Client.RegisterPatientAsync(_lab, "IDEM-TAKEN");
        static StringContent Csv(params string[] mrns) => new(
            "mrn,firstName,lastName,dateOfBirth,sex,phone,email\n" + string.Concat(mrns.Select(m => $"{m},Kiran,Das,1990-01-01,M,,\n")),
            Encoding.UTF8, "text/csv");

        // The second row's MRN exists: the unit of work fails after spending the key, and rolls both back.
        var refused = await SendAsync(Hub.Client, HttpMethod.Post, $"/api/labs/{_lab}/patients/bulk", Csv("IDEM-NEW-1", "IDEM-TAKEN"), "bulk");
        var corrected = await SendAsync(Hub.Client, HttpMethod.Post, $"/api/labs/{_lab}/patients/bulk", Csv("IDEM-NEW-1", "IDEM-NEW-2"), "bulk");
        var repeat = await SendAsync(Hub.Client, HttpMethod.Post, $"/api/labs/{_lab}/patients/bulk", Csv("IDEM-NEW-1", "IDEM-NEW-2"), "bulk");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        await AssertReplayOfAsync(corrected, repeat);
        Assert.Equal(3, await PatientsAsync(_lab));
    }

    [Fact]
    public async Task A_key_spent_by_another_transaction_rolls_back_the_second_change()
    {
        await Hub.Client.CreateIntegrationAsync(_lab, 57, Sink.Url("/emr"));
        var claim = new IdempotencyClaim(_lab, "other-process", "RegisterPatient", new string('0', 64));

        // Two scopes stand for two processes: the in-process lock is not involved, only the table's key.
        await using (var winner = Hub.Services.CreateAsyncScope())
        {
            winner.ServiceProvider.GetRequiredService<IdempotencyScope>().Claim(claim);
            await winner.ServiceProvider.GetRequiredService<PatientService>().RegisterAsync(_lab, new PatientInput { Mrn = "IDEM-WIN", FirstName = "A", LastName = "B" }, "api", CancellationToken.None);
        }

        await using (var loser = Hub.Services.CreateAsyncScope())
        {
            loser.ServiceProvider.GetRequiredService<IdempotencyScope>().Claim(claim);
            await Assert.ThrowsAsync<IdempotencyKeyTakenException>(() => loser.ServiceProvider.GetRequiredService<PatientService>()
                .RegisterAsync(_lab, new PatientInput { Mrn = "IDEM-LOSE", FirstName = "A", LastName = "B" }, "api", CancellationToken.None));
        }

        Assert.Equal(0, await PatientsAsync("IDEM-LOSE"));
        Assert.Equal(1, await OutboundLogsAsync(_lab));
    }

    [Fact]
    public async Task A_key_is_free_again_after_its_retention()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        await using var hub = await HubTestServer.StartAsync(new() { ["IntegrationHub:Idempotency:Retention"] = "1.00:00:00" }, time);
        var lab = await hub.Client.CreateLabAsync("IDEM-TTL");
        var path = $"/api/labs/{lab}/patients";

        var first = await SendAsync(hub.Client, HttpMethod.Post, path, JsonContent.Create(Patient("IDEM-TTL-1")), "daily");
        time.Advance(TimeSpan.FromHours(23));
        var withinRetention = await SendAsync(hub.Client, HttpMethod.Post, path, JsonContent.Create(Patient("IDEM-TTL-2")), "daily");
        time.Advance(TimeSpan.FromHours(2));
        var afterRetention = await SendAsync(hub.Client, HttpMethod.Post, path, JsonContent.Create(Patient("IDEM-TTL-2")), "daily");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withinRetention.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterRetention.StatusCode);
        Assert.False(Replayed(afterRetention));
        Assert.Equal(2, await PatientsAsync(hub, lab));
        Assert.Equal(1, await IdempotencyKeysAsync(hub));
    }

    [Fact]
    public async Task The_openapi_document_offers_the_header_on_the_business_routes()
    {
        var doc = await (await Hub.Client.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        static bool Offers(JsonNode? operation) => operation?["parameters"]?.AsArray()
            .Any(p => p!["name"]!.GetValue<string>() == IdempotencyKeyHeader.Name && p["in"]!.GetValue<string>() == "header") == true;
        Assert.True(Offers(doc["paths"]!["/api/labs/{labId}/patients"]!["post"]));
        Assert.True(Offers(doc["paths"]!["/api/labs/{labId}/bills"]!["post"]));
        Assert.True(Offers(doc["paths"]!["/api/labs/{labId}/reports/{id}/sign"]!["post"]));
        Assert.False(Offers(doc["paths"]!["/api/labs/{labId}/samples"]!["post"]));
    }

    [Fact]
    public async Task A_database_made_before_idempotency_gets_its_table_on_start()
    {
        string folder;
        long lab;
        await using (var old = await HubTestServer.StartAsync())
        {
            old.KeepDataFolder = true;
            folder = old.DataFolder;
            lab = await old.Client.CreateLabAsync("IDEM-OLD");
            await old.Faults.DropIdempotencyStoreAsync();
        }

        await using var restarted = await HubTestServer.StartAsync(dataFolder: folder);
        var first = await SendAsync(restarted.Client, HttpMethod.Post, $"/api/labs/{lab}/patients", JsonContent.Create(Patient("IDEM-UP")), "upgrade");
        var repeat = await SendAsync(restarted.Client, HttpMethod.Post, $"/api/labs/{lab}/patients", JsonContent.Create(Patient("IDEM-UP")), "upgrade");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertReplayOfAsync(first, repeat);
        Assert.Equal(1, await restarted.Faults.CountIdempotencyIndexesAsync());

        // Adopted by the lab's migrations: recorded as at the first, and migrated on from there.
        var (known, applied) = await restarted.LabAsync(async db => (db.Database.GetMigrations().ToList(), (await db.Database.GetAppliedMigrationsAsync()).ToList()));
        Assert.Equal(known, applied);
        Assert.EndsWith("_" + IntegrationHub.Lab.Hosting.LabDatabase.FirstMigration, applied[0]);
    }
}
