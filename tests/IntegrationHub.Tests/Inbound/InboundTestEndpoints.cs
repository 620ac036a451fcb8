using IntegrationHub.Lab.Domain;
using IntegrationHub.Tests.Infrastructure;
using IntegrationHub.Web.Inbound;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Inbound;

/// <summary>Handlers that know nothing of logging, put under the inbound logger by one line each.</summary>
internal static class InboundTestEndpoints
{
    public static TestEndpoints All(CapturedLogs logs) => new(
        services =>
        {
            services.AddControllers().AddApplicationPart(typeof(InboundTestEndpoints).Assembly);
            services.AddLogging(builder => builder.AddProvider(logs));
        },
        app =>
        {
            var test = app.MapGroup("/test").AllowAnonymous();
            test.MapPost("/echo", (EchoInput input) => Results.Ok(new { echoed = input.Text })).WithIntegrationLog("Echo");
            test.MapPost("/throws", (EchoInput input) => ThrowFor(input)).WithIntegrationLog();
            test.MapPost("/doomed", async (EchoInput input, LabDbContext db) =>
            {
                // Begins a transaction, writes, then fails without ending it: the transaction is doomed
                // and still holds the database file when the handler is done.
                await db.Database.BeginTransactionAsync();
                db.Labs.Add(new IntegrationHub.Lab.Domain.Lab { Code = input.Text, Name = "Doomed lab", CreatedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync();
                throw new InvalidOperationException("The second write broke the transaction.");
            }).WithIntegrationLog("Doomed");
        });

    private static IResult ThrowFor(EchoInput input) => throw new InvalidOperationException($"Handler failed on {input.Text}.");
}

public sealed record EchoInput(string Text);

[ApiController]
[Route("test/controller")]
[AllowAnonymous]
[IntegrationLog(ActionName = "Controller echo")]
public sealed class InboundTestController : ControllerBase
{
    [HttpPost("echo")]
    public IActionResult Echo(EchoInput input) => Ok(new { echoed = input.Text });

    [HttpPost("throws")]
    public IActionResult Throws(EchoInput input) => throw new InvalidOperationException($"Action failed on {input.Text}.");
}
