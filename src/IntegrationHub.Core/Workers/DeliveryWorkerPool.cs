using System.Collections.Concurrent;
using IntegrationHub.Configuration;
using IntegrationHub.Hosting;
using IntegrationHub.Queue;
using IntegrationHub.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Workers;

/// <summary>
/// The worker pool (the seed's Fusion workers): receives due tasks from the transport, at most
/// <see cref="WorkerOptions.WorkerCount"/> at once, skipping integrations at their concurrency or
/// rate limit, and hands each to the <see cref="DeliveryProcessor"/>. With nothing to take it
/// waits in the transport's receive (woken by new work there), and is woken early when a worker
/// ends or a throttle window frees, never on a fixed poll interval alone.
/// </summary>
public sealed class DeliveryWorkerPool(
    IDeliveryTransport transport,
    IIntegrationConfigStore configs,
    IDeliveryThrottle throttle,
    DeliveryProcessor processor,
    TimeProvider time,
    IOptions<WorkerOptions> options,
    ILogger<DeliveryWorkerPool> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<LeasedTask, Task> _running = new();

    // Cancelled when a worker ends, to end a receive that waits while capped work may be due.
    private CancellationTokenSource? _capacityChanged;

    // Workers ended so far: a receive that sees it change after it read the throttle wakes at once.
    private long _ended;

    // Leases taken in one receive at most: enough to amortise the commit, small enough to stay fair.
    private const int MaxBatch = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var slots = new SemaphoreSlim(options.Value.WorkerCount);

        // Tasks held at once, sending or waiting for their outcome's commit: twice the workers, so
        // a slow store slows the takes instead of piling up leases.
        var held = new SemaphoreSlim(2 * options.Value.WorkerCount);
        using var stopRenewing = new CancellationTokenSource();
        var renewing = transport is ILeaseRenewal renewal ? RenewLeasesAsync(renewal, stopRenewing.Token) : Task.CompletedTask;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await held.WaitAsync(stoppingToken);
                try
                {
                    await slots.WaitAsync(stoppingToken);
                }
                catch
                {
                    held.Release();
                    throw;
                }

                var taken = 1;
                while (taken < MaxBatch && held.Wait(0, CancellationToken.None))
                {
                    if (!slots.Wait(0, CancellationToken.None))
                    {
                        held.Release();
                        break;
                    }

                    taken++;
                }

                var leases = await ReceiveAsync(taken, stoppingToken);
                if (taken > leases.Count)
                {
                    slots.Release(taken - leases.Count);
                    held.Release(taken - leases.Count);
                }

                foreach (var (lease, integration) in leases)
                {
                    _running[lease] = RunAsync(lease, integration, slots, held, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(_running.Values);
        await stopRenewing.CancelAsync();
        await renewing;
    }

    // The heartbeat: every lease held (sending, or waiting for its outcome's commit) is renewed, so
    // a long send keeps its task while a crashed process's tasks come back within one short lease.
    private async Task RenewLeasesAsync(ILeaseRenewal renewal, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(renewal.RenewEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    await renewal.RenewAsync([.. _running.Keys], stopping);
                }
                catch (Exception e) when (!stopping.IsCancellationRequested)
                {
                    // Leases not renewed lapse, and their tasks are taken again: at least once.
                    logger.LogWarning(e, "Could not renew the leases of the deliveries in flight; trying again in {Interval}.", renewal.RenewEvery);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task<List<(LeasedTask Lease, LabIntegration? Integration)>> ReceiveAsync(int max, CancellationToken stoppingToken)
    {
        var taken = new List<(LeasedTask, LabIntegration?)>();
        var ended = Interlocked.Read(ref _ended);
        using var capacityChanged = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        Volatile.Write(ref _capacityChanged, capacityChanged);
        try
        {
            var now = time.GetUtcNow();
            var capacity = throttle.Capacity(now, out var nextUnblock);
            if (Interlocked.Read(ref _ended) != ended)
            {
                // A worker ended while the capacity was read: take what it freed without waiting.
                await capacityChanged.CancelAsync();
            }

            var wait = options.Value.BackstopPollInterval;
            if (nextUnblock is { } unblock && unblock - now < wait)
            {
                wait = unblock > now ? unblock - now : TimeSpan.Zero;
            }

            // An integration not seen yet gets one task: its limits are learnt before the next receive.
            var leases = await transport.ReceiveAsync(new ReceiveRequest(max, capacity, DefaultCap: 1, wait), capacityChanged.Token);
            foreach (var lease in leases)
            {
                var integration = await configs.GetAsync(lease.Task.IntegrationId, CancellationToken.None);
                if (integration is not null && !throttle.TryEnter(integration, time.GetUtcNow()))
                {
                    // A first task of an integration not seen yet, whose lab is at its share of the
                    // workers: given back at once; its integration is known now, so it waits its turn.
                    await ReleaseQuietlyAsync(lease);
                    continue;
                }

                taken.Add((lease, integration));
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Leases already received lapse and are taken again.
            logger.LogError(e, "Could not receive tasks from the transport; trying again shortly.");
            await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
        }
        finally
        {
            Interlocked.CompareExchange(ref _capacityChanged, null, capacityChanged);
        }

        return taken;
    }

    private async Task RunAsync(LeasedTask lease, LabIntegration? integration, SemaphoreSlim slots, SemaphoreSlim held, CancellationToken stoppingToken)
    {
        await Task.Yield();

        // The worker's slot and the integration's concurrency are given back once the partner has
        // answered, not once the outcome is committed: a slot bounds sends in flight, and the next
        // send need not wait for this one's group commit. The task stays in _running until stored.
        var freed = 0;
        void Free()
        {
            if (Interlocked.Exchange(ref freed, 1) != 0)
            {
                return;
            }

            if (integration is not null)
            {
                throttle.Exit(integration.Id);
            }

            slots.Release();
            Interlocked.Increment(ref _ended);
            WakeReceive();
        }

        try
        {
            await processor.ProcessAsync(lease, integration, stoppingToken, Free);
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
            Free();
            _running.TryRemove(lease, out _);
            held.Release();
        }
    }

    private void WakeReceive()
    {
        try
        {
            Volatile.Read(ref _capacityChanged)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That receive has ended already.
        }
    }

    private async Task ReleaseQuietlyAsync(LeasedTask lease)
    {
        try
        {
            await transport.RetryAtAsync(lease, lease.Task, time.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not release task {TaskId}; it is taken again when its lease lapses.", lease.TaskId);
        }
    }
}
