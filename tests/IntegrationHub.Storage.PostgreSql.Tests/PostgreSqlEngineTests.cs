using IntegrationHub.Configuration;
using IntegrationHub.Families;
using IntegrationHub.Hosting;
using IntegrationHub.Logging;
using IntegrationHub.Payloads;
using IntegrationHub.Queue;
using IntegrationHub.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Storage.PostgreSql.Tests;

/// <summary>The whole engine on <c>UsePostgreSql</c>: its composition checks pass, and a queued delivery reaches a real partner and ends SUCCESS.</summary>
public sealed class PostgreSqlEngineTests
{
    [Fact]
    public async Task The_engine_on_PostgreSql_delivers_a_queued_delivery_to_the_partner_and_logs_SUCCESS()
    {
        await using var db = await PostgreSqlTestDatabase.CreateAsync(install: false);
        var folder = Directory.CreateTempSubdirectory("hub-pg-engine-").FullName;
        var received = new System.Collections.Concurrent.ConcurrentQueue<string>();

        // The partner: Kestrel on loopback.
        var partnerBuilder = WebApplication.CreateSlimBuilder();
        partnerBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var partner = partnerBuilder.Build();
        partner.MapPost("/in", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            received.Enqueue(await reader.ReadToEndAsync());
            return Results.Ok();
        });
        await partner.StartAsync();
        var partnerUrl = partner.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IntegrationHub:Destinations:Allow:0"] = "127.0.0.0/8",
            ["IntegrationHub:WorkerCount"] = "4",
            ["IntegrationHub:SpoolFolder"] = Path.Combine(folder, "spool"),
        });
        builder.Services.AddHubSecretProtection(folder);
        builder.Services.AddIntegrationHub(builder.Configuration).UsePostgreSql(db.ConnectionString);
        builder.Services.AddActionFamily<OnePatient>(Actions.ActionFamily.Patient);
        using var hub = builder.Build();
        _ = hub.Services.GetRequiredService<IOptions<HubComposition>>().Value;
        foreach (var initializer in hub.Services.GetServices<IStorageInitializer>())
        {
            await initializer.InitializeAsync(CancellationToken.None);
        }

        await hub.StartAsync();
        try
        {
            var integration = await hub.Services.GetRequiredService<IIntegrationConfigStore>().CreateAsync(
                new LabIntegration { LabId = 1, ActionId = Actions.ActionId.PatientRegistration, Name = "EMR", Url = $"{partnerUrl}/in", TimeoutSeconds = 10 },
                CancellationToken.None);
            var now = DateTimeOffset.UtcNow;
            var log = new IntegrationLog
            {
                Id = IntegrationLog.NewId(), LabId = 1, ActionId = (int)Actions.ActionId.PatientRegistration, ActionName = "PatientRegistration",
                IntegrationId = integration.Id, IntegrationName = integration.Name, CreatedAt = now, State = new LogState { UpdatedAt = now },
            };
            var task = new DispatchTask
            {
                LogId = log.Id,
                IntegrationId = integration.Id,
                Context = new Actions.EventContext { LabId = 1, ActionId = Actions.ActionId.PatientRegistration, PatientId = 1, OccurredAt = now },
                Payload = new RenderedPayload("application/json", """{"patient":"DEMO-001"}"""), TimeoutSeconds = 10 };

            await hub.Services.GetRequiredService<IDeliveryOutbox>().WriteAsync([new OutboxDelivery(log, task)], CancellationToken.None);

            var reads = hub.Services.GetRequiredService<ILogReadModel>();
            var deadline = DateTime.UtcNow.AddMinutes(2);
            IntegrationLog? stored;
            do
            {
                await Task.Delay(50);
                stored = await reads.GetAsync(log.Id, CancellationToken.None);
            }
            while (stored?.State.Status is not (LogStatus.Success or LogStatus.Fail) && DateTime.UtcNow < deadline);

            Assert.True(stored?.State.Status == LogStatus.Success, $"the log ended {stored?.State.Status}: {stored?.State.LastAttempt?.Error?.Message}");
            Assert.Equal(["""{"patient":"DEMO-001"}"""], received);
            Assert.Equal(200, Assert.Single(await reads.GetAttemptsAsync(log.Id, CancellationToken.None)).Response?.StatusCode);
            Assert.Equal(0, await hub.Services.GetRequiredService<IDeliveryTransport>().CountAsync(CancellationToken.None));
        }
        finally
        {
            await hub.StopAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    // The domain a LIMS team would bring (here, one patient): the engine asks it for models and
    // contexts; a delivery whose payload was rendered at the event needs nothing more from it.
    private sealed class OnePatient : IActionFamily
    {
        public Actions.ActionFamily Family => Actions.ActionFamily.Patient;

        public Task<ModelResult> LoadModelAsync(Actions.EventContext context, CancellationToken cancellationToken) =>
            Task.FromResult(ModelResult.Found(SampleModel(context.ActionId)));

        public Task<Actions.EventContext?> ContextForAsync(long labId, Actions.ActionId action, long entityId, CancellationToken cancellationToken) =>
            Task.FromResult<Actions.EventContext?>(new Actions.EventContext { LabId = labId, ActionId = action, PatientId = entityId });

        public PayloadModel SampleModel(Actions.ActionId action) => new(new System.Text.Json.Nodes.JsonObject { ["patient"] = "DEMO-001" });
    }
}
