using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Infrastructure;

/// <summary>A partner endpoint on real Kestrel (127.0.0.1, random port) that records what it receives and answers as told.</summary>
public sealed class TestSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SinkRequest> _requests = new();
    private int _inFlight;
    private int _maxInFlight;

    private TestSink(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Decides each answer; default 200 with a JSON reference id.</summary>
    public Func<SinkRequest, Task<SinkResponse>> Responder { get; set; } = r => Task.FromResult(SinkResponse.Ok($$"""{"id":"REF-{{r.Sequence}}"}"""));

    public IReadOnlyList<SinkRequest> Requests => [.. _requests.OrderBy(r => r.Sequence)];

    public int MaxInFlight => _maxInFlight;

    private int _sequence;

    public string Url(string path) => BaseUrl + path;

    public IReadOnlyList<SinkRequest> RequestsTo(string path) => [.. Requests.Where(r => r.Path == path)];

    public static async Task<TestSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new TestSink(app);
        app.Run(sink.HandleAsync);
        await app.StartAsync();
        sink.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return sink;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var now = Stopwatch.GetTimestamp();
        var concurrent = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, concurrent);
        try
        {
            using var received = new MemoryStream();
            await context.Request.Body.CopyToAsync(received);
            var bytes = received.ToArray();
            var body = Encoding.UTF8.GetString(bytes);
            var request = new SinkRequest(
                Interlocked.Increment(ref _sequence),
                now,
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body)
            { BodyBytes = bytes };
            _requests.Enqueue(request);
            var response = await Responder(request);
            context.Response.StatusCode = response.Status;
            foreach (var (name, value) in response.Headers)
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentType = response.ContentType;
            await context.Response.WriteAsync(response.Body);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <param name="Timestamp">Stopwatch ticks at arrival.</param>
public sealed record SinkRequest(int Sequence, long Timestamp, string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body exactly as received, for checks over bytes (signatures).</summary>
    public byte[] BodyBytes { get; init; } = [];

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

public sealed record SinkResponse(int Status, string Body, string ContentType = "application/json")
{
    public Dictionary<string, string> Headers { get; init; } = [];

    public static SinkResponse Ok(string body) => new(200, body);

    public SinkResponse WithHeader(string name, string value) => this with { Headers = new(Headers) { [name] = value } };

    public static SinkResponse WithStatus(int status, string body = "{}") => new(status, body);
}
