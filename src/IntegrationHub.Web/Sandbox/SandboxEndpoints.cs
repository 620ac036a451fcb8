using System.Text;
using IntegrationHub.Configuration;
using IntegrationHub.Destinations;
using IntegrationHub.Web.Api;
using IntegrationHub.Web.Requests;
using IntegrationHub.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Web.Sandbox;

public static class SandboxEndpoints
{
    /// <summary>Longest channel name: letters, digits, '-' and '_'.</summary>
    public const int MaxChannelName = 64;

    /// <summary>
    /// Maps the sandbox partner under <c>/sandbox/{channel}</c> when <see cref="SandboxOptions.Enabled"/>
    /// (the demo): POST/PUT/PATCH to receive, GET <c>/requests</c> to see what arrived, PUT
    /// <c>/behavior</c> to make it fail or slow down. The hub may then deliver to its own address.
    /// </summary>
    public static void MapSandbox(this IEndpointRouteBuilder endpoints)
    {
        if (!endpoints.ServiceProvider.GetRequiredService<IOptions<SandboxOptions>>().Value.Enabled)
        {
            return;
        }

        AllowOwnAddressOnceStarted(endpoints.ServiceProvider);

        // Inspecting and steering the sandbox shows what any lab's integrations sent to it, and its
        // channels belong to no lab: admins over every lab only. Receiving is what a partner does,
        // so it is open, like a partner's own endpoint, and bounded like one.
        var sandbox = endpoints.MapGroup("/sandbox").WithTags("Sandbox")
            .RequireAuthorization(HubPolicies.GlobalAdmin).AddEndpointFilter<CookieAntiforgeryFilter>();
        var limits = endpoints.ServiceProvider.GetRequiredService<IOptions<SandboxOptions>>().Value;
        sandbox.MapMethods("/{channel}", ["POST", "PUT", "PATCH"], ReceiveAsync).AllowAnonymous().WithName("SandboxReceive")
            .WithMetadata(new RequestBodyLimit(limits.MaxBodyBytes));

        sandbox.MapGet("/{channel}/requests", (string channel, SandboxReceiver receiver) =>
            Find(channel, receiver) is { } target
                ? Results.Ok(new { channel = target.Name, received = target.Received, behavior = target.Behavior, requests = target.Requests })
                : ApiProblems.NotFound($"The sandbox has no channel of that name."))
            .WithName("SandboxRequests");

        sandbox.MapPut("/{channel}/behavior", (string channel, SandboxBehavior behavior, SandboxReceiver receiver) =>
        {
            if (behavior.FailStatus is < 400 or > 599 || behavior.DelayMs is < 0 or > 120_000 || behavior.FailNext < 0)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["behavior"] = ["failStatus must be 400-599, delayMs 0-120000, failNext >= 0."] });
            }

            if (!IsChannelName(channel) || receiver.Channel(channel) is not { } target)
            {
                return ChannelRefused(channel, receiver);
            }

            target.Configure(behavior);
            return Results.Ok(behavior);
        }).WithName("SandboxBehavior");

        sandbox.MapDelete("/{channel}/requests", (string channel, SandboxReceiver receiver) =>
        {
            if (Find(channel, receiver) is { } target)
            {
                receiver.Clear(target);
            }

            return Results.NoContent();
        }).WithName("SandboxClear");
    }

    private static async Task<IResult> ReceiveAsync(string channel, HttpRequest request, SandboxReceiver receiver, TimeProvider time)
    {
        if (!IsChannelName(channel) || receiver.Channel(channel) is not { } target)
        {
            return ChannelRefused(channel, receiver);
        }

        // Within Sandbox:MaxBodyBytes: the request guards refused anything longer with 413.
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var headers = SecretMasker.MaskHeaders(request.Headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Key, h.Value.Select(v => v ?? ""))), new HashSet<string>());
        if (target.Behavior.DelayMs > 0)
        {
            await Task.Delay(target.Behavior.DelayMs, request.HttpContext.RequestAborted);
        }

        var (status, sequence) = receiver.Record(target, new SandboxRequest(0, time.GetUtcNow(), request.Method, headers, body));
        return status == 200
            ? Results.Ok(new { id = $"SBX-{target.Name}-{sequence}", received = true })
            : Results.Problem(detail: "This sandbox channel was told to fail.", statusCode: status);
    }

    private static SandboxChannel? Find(string channel, SandboxReceiver receiver) =>
        IsChannelName(channel) ? receiver.Channels.FirstOrDefault(c => string.Equals(c.Name, channel, StringComparison.OrdinalIgnoreCase)) : null;

    private static bool IsChannelName(string channel) =>
        channel.Length is > 0 and <= MaxChannelName && channel.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static IResult ChannelRefused(string channel, SandboxReceiver receiver) => IsChannelName(channel)
        ? Results.Problem(detail: $"The sandbox keeps at most {receiver.Limits.MaxChannels} channels (IntegrationHub:Sandbox:MaxChannels).", statusCode: StatusCodes.Status507InsufficientStorage)
        : ApiProblems.Validation("channel", $"A channel name has 1 to {MaxChannelName} letters, digits, '-' or '_'.");

    // The demo's integrations point at the hub's own loopback address, an internal destination.
    private static void AllowOwnAddressOnceStarted(IServiceProvider services)
    {
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var policy = services.GetRequiredService<DestinationPolicy>();
            foreach (var address in addresses)
            {
                if (Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var url))
                {
                    policy.Allow($"{(url.HostNameType == UriHostNameType.IPv6 ? url.Host : url.IdnHost)}:{url.Port}");
                }
            }
        });
    }
}
