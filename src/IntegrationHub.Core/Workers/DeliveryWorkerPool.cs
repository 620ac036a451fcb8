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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var slots = new SemaphoreSlim(options.Value.WorkerCount);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var wake = signal.NextAsync();
                var (lease, integration, nextUnblock) = await TryTakeAsync(stoppingToken);
                if (lease is null)
                {
                    slots.Release();
                    await SleepAsync(wake, nextUnblock, stoppingToken);
                    continue;
                }

                _running[lease] = RunAsync(lease, integration, slots, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(_running.Values);
    }

    private async Task<(LeasedTask? Lease, LabIntegration? Integration, DateTimeOffset? NextUnblock)> TryTakeAsync(CancellationToken stoppingToken)
    {
        try
        {
            var now = time.GetUtcNow();
            var blocked = throttle.Blocked(now, out var nextUnblock);
            var lease = await queue.TryLeaseAsync(now, blocked, stoppingToken);
            if (lease is null || lease.Task.Kind != DispatchTaskKind.Delivery)
            {
                return (lease, null, nextUnblock);
            }

            // Limits are known before the next lease, so one loop turn never overshoots them.
            var integration = await configs.GetAsync(lease.Task.IntegrationId, stoppingToken);
            if (integration is not null)
            {
                throttle.Enter(integration, now);
            }

            return (lease, integration, nextUnblock);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(e, "Could not take a task from the queue; trying again shortly.");
            return (null, null, time.GetUtcNow() + TimeSpan.FromSeconds(1));
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
