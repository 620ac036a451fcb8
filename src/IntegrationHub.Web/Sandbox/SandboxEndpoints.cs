using System.Text;
using IntegrationHub.Dispatch;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IntegrationHub.Web.Sandbox;

public static class SandboxEndpoints
{
    /// <summary>
    /// Maps the sandbox partner under <c>/sandbox/{channel}</c>: POST/PUT/PATCH to receive, GET
    /// <c>/requests</c> to see what arrived, PUT <c>/behavior</c> to make it fail or slow down.
    /// </summary>
    public static RouteGroupBuilder MapSandbox(this IEndpointRouteBuilder endpoints)
    {
        // Inspecting and steering the sandbox shows what any lab's integrations sent to it, and its
        // channels belong to no lab: admins over every lab only. Receiving is what a partner does,
        // so it is open, like a partner's own endpoint.
        var sandbox = endpoints.MapGroup("/sandbox").WithTags("Sandbox")
            .RequireAuthorization(HubPolicies.GlobalAdmin).AddEndpointFilter<CookieAntiforgeryFilter>();
        sandbox.MapMethods("/{channel}", ["POST", "PUT", "PATCH"], async (string channel, HttpRequest request, SandboxReceiver receiver, TimeProvider time) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            var headers = SecretMasker.MaskHeaders(request.Headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Key, h.Value.Select(v => v ?? ""))), new HashSet<string>());
            var target = receiver.Channel(channel);
            if (target.Behavior.DelayMs > 0)
            {
                await Task.Delay(target.Behavior.DelayMs, request.HttpContext.RequestAborted);
            }

            var (status, sequence) = target.Record(new SandboxRequest(0, time.GetUtcNow(), request.Method, headers, body));
            return status == 200
                ? Results.Ok(new { id = $"SBX-{channel}-{sequence}", received = true })
                : Results.Problem(detail: $"Sandbox channel '{channel}' was told to fail.", statusCode: status);
        }).AllowAnonymous().WithName("SandboxReceive");

        sandbox.MapGet("/{channel}/requests", (string channel, SandboxReceiver receiver) =>
        {
            var target = receiver.Channel(channel);
            return new { channel = target.Name, received = target.Received, behavior = target.Behavior, requests = target.Requests };
        }).WithName("SandboxRequests");

        sandbox.MapPut("/{channel}/behavior", (string channel, SandboxBehavior behavior, SandboxReceiver receiver) =>
        {
            if (behavior.FailStatus is < 400 or > 599 || behavior.DelayMs is < 0 or > 120_000 || behavior.FailNext < 0)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["behavior"] = ["failStatus must be 400-599, delayMs 0-120000, failNext >= 0."] });
            }

            receiver.Channel(channel).Configure(behavior);
            return Results.Ok(behavior);
        }).WithName("SandboxBehavior");

        sandbox.MapDelete("/{channel}/requests", (string channel, SandboxReceiver receiver) =>
        {
            receiver.Channel(channel).Clear();
            return Results.NoContent();
        }).WithName("SandboxClear");
        return sandbox;
    }
}
