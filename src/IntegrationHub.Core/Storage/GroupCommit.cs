using System.Collections.Concurrent;

namespace IntegrationHub.Storage;

/// <summary>
/// Group commit for a backend's writes: items queued while a batch is being written go together in
/// the next one, so under load many callers share one transaction and one commit, and when idle a
/// lone item is written at once (no timer, no added wait). One batch is written at a time. A batch
/// that fails fails every caller in it with the same exception; each then takes its own way out.
/// </summary>
/// <typeparam name="TItem">What a caller hands in, prepared (serialised) before it queues.</typeparam>
/// <typeparam name="TResult">What each caller gets back.</typeparam>
/// <param name="writeBatch">Writes a batch in one transaction and answers for each item, in order.</param>
/// <param name="maxBatch">The most items one transaction takes.</param>
public sealed class GroupCommit<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<TResult[]>> writeBatch, int maxBatch)
{
    private readonly ConcurrentQueue<(TItem Item, TaskCompletionSource<TResult> Done)> _waiting = new();
    private int _writing;

    /// <summary>Queues an item for the next batch; completes once its batch has committed (or failed).</summary>
    public Task<TResult> WriteAsync(TItem item)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Enqueue((item, done));
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            _ = Task.Run(WriteWaitingAsync, CancellationToken.None);
        }

        return done.Task;
    }

    private async Task WriteWaitingAsync()
    {
        while (true)
        {
            var batch = new List<(TItem Item, TaskCompletionSource<TResult> Done)>();
            while (batch.Count < maxBatch && _waiting.TryDequeue(out var waiting))
            {
                batch.Add(waiting);
            }

            if (batch.Count == 0)
            {
                Volatile.Write(ref _writing, 0);

                // An item queued after the last look, whose caller saw the writer still running, is ours to write.
                if (_waiting.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
                {
                    return;
                }

                continue;
            }

            try
            {
                var results = await writeBatch([.. batch.Select(b => b.Item)]);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                foreach (var (_, done) in batch)
                {
                    done.TrySetException(e);
                }
            }
        }
    }
}
