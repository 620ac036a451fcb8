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
    private readonly CancellationTokenSource _stopping = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _stalled;

    private TestSink(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Decides each answer; default 200 with a JSON reference id.</summary>
    public Func<SinkRequest, Task<SinkResponse>> Responder { get; set; } = r => Task.FromResult(SinkResponse.Ok($$"""{"id":"REF-{{r.Sequence}}"}"""));

    public IReadOnlyList<SinkRequest> Requests => [.. _requests.OrderBy(r => r.Sequence)];

    public int MaxInFlight => _maxInFlight;

    /// <summary>Answers being held open right now by <see cref="SinkResponse.Stalled"/> (until the hub lets go of the connection).</summary>
    public int Stalled => Volatile.Read(ref _stalled);

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
            { BodyBytes = bytes, Query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal) };
            _requests.Enqueue(request);
            var response = await Responder(request);
            context.Response.StatusCode = response.Status;
            if (response.Reason is not null)
            {
                context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>()!.ReasonPhrase = response.Reason;
            }

            foreach (var (name, value) in response.Headers)
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentType = response.ContentType;
            if (response.StallAfter is { } prefix)
            {
                // Headers and a first part of the body, then nothing until the sink stops: a partner that hangs mid-answer.
                context.Response.ContentLength = prefix.Length + 1_000_000;
                await context.Response.WriteAsync(prefix);
                await context.Response.Body.FlushAsync();
                Interlocked.Increment(ref _stalled);
                using var held = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, context.RequestAborted);
                try
                {
                    await Task.Delay(Timeout.Infinite, held.Token);
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    Interlocked.Decrement(ref _stalled);
                }

                return;
            }

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
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <param name="Timestamp">Stopwatch ticks at arrival.</param>
public sealed record SinkRequest(int Sequence, long Timestamp, string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body exactly as received, for checks over bytes (signatures).</summary>
    public byte[] BodyBytes { get; init; } = [];

    /// <summary>The query string's parameters, decoded.</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

public sealed record SinkResponse(int Status, string Body, string ContentType = "application/json")
{
    public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>A reason phrase other than the status's usual one.</summary>
    public string? Reason { get; init; }

    /// <summary>When set, this text is sent as the start of a much longer body, and then nothing more.</summary>
    public string? StallAfter { get; init; }

    /// <summary>Headers and the start of a body, then silence: the answer never completes.</summary>
    public static SinkResponse Stalled(int status = 200) => new(status, "") { StallAfter = "{\"partial\":" };

    public static SinkResponse Ok(string body) => new(200, body);

    public SinkResponse WithHeader(string name, string value) => this with { Headers = new(Headers) { [name] = value } };

    public static SinkResponse WithStatus(int status, string body = "{}") => new(status, body);
}
