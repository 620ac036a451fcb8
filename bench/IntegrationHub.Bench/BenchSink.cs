using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IntegrationHub.Bench;

/// <summary>The partner every benchmark sends to: Kestrel on loopback, recording the first-byte time of each delivery id.</summary>
internal sealed class BenchSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _arrivals = new();
    private long _received;

    private BenchSink(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public long Received => Interlocked.Read(ref _received);

    /// <summary>How long each answer takes, in milliseconds; 0 by default.</summary>
    public int DelayMs { get; set; }

    /// <summary>Status code to answer with; 200 by default.</summary>
    public int Status { get; set; } = 200;

    public static async Task<BenchSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        var sink = new BenchSink(app);
        app.Run(sink.HandleAsync);
        await app.StartAsync();
        sink.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return sink;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = Stopwatch.GetTimestamp();
        var id = context.Request.Headers["X-Hub-Delivery-Id"].ToString();
        if (id.Length == 0)
        {
            id = context.Request.Headers["X-Job-Id"].ToString();
        }

        _arrivals.TryAdd(id, arrived);
        Interlocked.Increment(ref _received);
        await context.Request.Body.CopyToAsync(Stream.Null);
        if (DelayMs > 0)
        {
            await Task.Delay(DelayMs);
        }

        context.Response.StatusCode = Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"id":"ok"}""");
    }

    public bool TryGetArrival(string id, out long timestamp) => _arrivals.TryGetValue(id, out timestamp);

    public int DistinctDeliveries => _arrivals.Count;

    /// <summary>Every first-byte time recorded, in order.</summary>
    public List<long> Arrivals() => [.. _arrivals.Values.Order()];

    public void Reset()
    {
        _arrivals.Clear();
        Interlocked.Exchange(ref _received, 0);
        Status = 200;
        DelayMs = 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
