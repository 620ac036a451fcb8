using IntegrationHub.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Retries;

/// <summary>The runs of this process: jobs it started, and unfinished jobs it claims whose process stopped or died.</summary>
public sealed partial class BulkRetryService
{
    // This process's token as a job owner: a job is run by one process at a time.
    private readonly string _owner = Guid.NewGuid().ToString("N");
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, Task> _running = [];
    private readonly object _runningGate = new();

    /// <summary>How often unfinished jobs of other (stopped or dead) processes are looked for: half a lease, within 0.1-10 s.</summary>
    private TimeSpan ClaimInterval =>
        TimeSpan.FromTicks(Math.Clamp(options.Value.Lease.Ticks / 2, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(10).Ticks));

    /// <summary>Claims unfinished jobs at start, then every <see cref="ClaimInterval"/>.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                foreach (var job in await jobs.ClaimAsync(_owner, now, now + options.Value.Lease, stoppingToken))
                {
                    Run(job);
                }

                await Task.Delay(ClaimInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Unfinished bulk retry jobs could not be claimed; trying again in {Interval}.", ClaimInterval);
                await Task.Delay(ClaimInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Stops the runs, each recording how far it got and handing its job over, then the claims.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
        Task[] running;
        lock (_runningGate)
        {
            running = [.. _running.Values];
        }

        await Task.WhenAll(running).WaitAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    /// <summary>Runs the job in the background unless this process runs it already or is stopping.</summary>
    private void Run(BulkRetryJob job)
    {
        lock (_runningGate)
        {
            if (!_stopping.IsCancellationRequested && !_running.ContainsKey(job.Id))
            {
                _running[job.Id] = Task.Run(() => RunAsync(job));
            }
        }
    }

    private async Task RunAsync(BulkRetryJob job)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var retries = scope.ServiceProvider.GetRequiredService<ManualRetryService>();
            await new BulkRetryRun(job, jobs, logs, retries, time, options.Value).RunAsync(_stopping.Token);
        }
        catch (BulkRetryJobLostException e)
        {
            logger.LogInformation("{Message} This process stops running it.", e.Message);
        }
        catch (Exception e)
        {
            // Its progress could not be written: the lease runs out and a later claim goes on with it.
            logger.LogError(e, "Bulk retry {JobId} stopped without recording its progress.", job.Id);
        }
        finally
        {
            lock (_runningGate)
            {
                _running.Remove(job.Id);
            }
        }
    }
}
