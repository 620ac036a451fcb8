using System.Collections.Concurrent;
using IntegrationHub.Configuration;
using IntegrationHub.Hosting;
using IntegrationHub.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Workers;

/// <summary>
/// The worker pool (the seed's Fusion workers): takes due tasks from the durable queue, at most
/// <see cref="HubOptions.WorkerCount"/> at once, skipping integrations at their concurrency or
/// rate limit, and hands each to the <see cref="DeliveryProcessor"/>. It sleeps until the queue
/// signal, the next due task or a throttle window frees, never on a fixed poll interval alone.
/// </summary>
public sealed class DeliveryWorkerPool(
    IDispatchQueue queue,
    IIntegrationConfigStore configs,
    IntegrationThrottle throttle,
    DeliveryProcessor processor,
    QueueSignal signal,
    TimeProvider time,
    IOptions<HubOptions> options,
    ILogger<DeliveryWorkerPool> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<LeasedTask, Task> _running = new();

    // Leases taken in one statement at most: enough to amortise the commit, small enough to stay fair.
    private const int MaxBatch = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var slots = new SemaphoreSlim(options.Value.WorkerCount);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var taken = 1;
                while (taken < MaxBatch && slots.Wait(0, CancellationToken.None))
                {
                    taken++;
                }

                var wake = signal.NextAsync();
                var (leases, nextUnblock) = await TryTakeAsync(taken, stoppingToken);
                if (taken > leases.Count)
                {
                    slots.Release(taken - leases.Count);
                }
                if (leases.Count == 0)
                {
                    await SleepAsync(wake, nextUnblock, stoppingToken);
                    continue;
                }

                foreach (var (lease, integration) in leases)
                {
                    _running[lease] = RunAsync(lease, integration, slots, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(_running.Values);
    }

    private async Task<(List<(LeasedTask Lease, LabIntegration? Integration)> Leases, DateTimeOffset? NextUnblock)> TryTakeAsync(int max, CancellationToken stoppingToken)
    {
        var taken = new List<(LeasedTask, LabIntegration?)>();
        try
        {
            var now = time.GetUtcNow();
            var capacity = throttle.Capacity(now, out var nextUnblock);

            // An integration not seen yet gets one task: its limits are learnt before the next lease.
            var leases = await queue.TryLeaseManyAsync(now, capacity, defaultCap: 1, max, stoppingToken);
            foreach (var lease in leases)
            {
                var integration = lease.Task.Kind == DispatchTaskKind.Delivery ? await configs.GetAsync(lease.Task.IntegrationId, stoppingToken) : null;
                if (integration is not null && !throttle.TryEnter(integration, now))
                {
                    // A first task of an integration not seen yet, whose lab is at its share of the
                    // workers: given back at once; its integration is known now, so it waits its turn.
                    await ReleaseQuietlyAsync(lease);
                    continue;
                }

                taken.Add((lease, integration));
            }

            return (taken, nextUnblock);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Could not take tasks from the queue; trying again shortly.");
            return (taken, time.GetUtcNow() + TimeSpan.FromSeconds(1));
        }
    }

    private async Task RunAsync(LeasedTask lease, LabIntegration? integration, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await processor.ProcessAsync(lease, integration, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: give the task back now rather than when its lease lapses.
            await ReleaseQuietlyAsync(lease);
        }
        catch (Exception e)
        {
            // The lease lapses and the task is taken again: at least once, never lost.
            logger.LogError(e, "Task {TaskId} of log {LogId} failed in the worker; it will be taken again when its lease lapses.", lease.TaskId, lease.Task.LogId);
        }
        finally
        {
            if (integration is not null)
            {
                throttle.Exit(integration.Id);
            }

            _running.TryRemove(lease, out _);
            slots.Release();
            signal.Wake();
        }
    }

    private async Task ReleaseQuietlyAsync(LeasedTask lease)
    {
        try
        {
            await queue.RescheduleAsync(lease, lease.Task, time.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not release task {TaskId}; it is taken again when its lease lapses.", lease.TaskId);
        }
    }

    private async Task SleepAsync(Task wake, DateTimeOffset? nextUnblock, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var until = now + options.Value.BackstopPollInterval;
        try
        {
            if (await queue.NextDueAsync(stoppingToken) is { } due && due > now && due < until)
            {
                until = due;
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not read the queue's next due time.");
        }

        if (nextUnblock is { } unblock && unblock < until)
        {
            until = unblock;
        }

        using var cancelDelay = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = until - now;
        var timer = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, time, cancelDelay.Token);
        await Task.WhenAny(wake, timer);
        await cancelDelay.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }
}
