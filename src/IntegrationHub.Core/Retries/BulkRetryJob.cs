using IntegrationHub.Access;

namespace IntegrationHub.Retries;

/// <summary>The mutable state of one running bulk retry; readers get immutable snapshots.</summary>
internal sealed class BulkRetryJob(string id, string requestedBy, DateTimeOffset startedAt, LabScope labs)
{
    private readonly object _gate = new();
    private readonly HashSet<string> _pending = [];
    private readonly Dictionary<string, int> _skipReasons = [];
    private BulkRetryProgress _progress = new() { Id = id, RequestedBy = requestedBy, StartedAt = startedAt };

    public string Id => id;

    public string RequestedBy => requestedBy;

    public DateTimeOffset StartedAt => startedAt;

    /// <summary>The labs the job's filter reaches; only a reader whose scope covers them all sees the job.</summary>
    public LabScope Labs => labs;

    public BulkRetryProgress Snapshot()
    {
        lock (_gate)
        {
            return _progress;
        }
    }

    public void Matched(int count, bool capped)
    {
        lock (_gate)
        {
            _progress = _progress with { Matched = count, Capped = capped };
        }
    }

    public void Record(string logId, ManualRetryResult result)
    {
        lock (_gate)
        {
            if (result.Status == ManualRetryStatus.Queued)
            {
                _pending.Add(logId);
                _progress = _progress with { Queued = _progress.Queued + 1 };
                return;
            }

            var reason = result.Reason ?? "not retried";
            _skipReasons[reason] = _skipReasons.GetValueOrDefault(reason) + 1;
            _progress = _progress with { Skipped = _progress.Skipped + 1, SkipReason = _skipReasons.MaxBy(r => r.Value).Key };
        }
    }

    public IReadOnlyList<string> PendingIds()
    {
        lock (_gate)
        {
            return [.. _pending];
        }
    }

    public void Ended(string logId, bool succeeded)
    {
        lock (_gate)
        {
            if (_pending.Remove(logId))
            {
                _progress = succeeded
                    ? _progress with { Succeeded = _progress.Succeeded + 1 }
                    : _progress with { Failed = _progress.Failed + 1 };
            }
        }
    }

    public void Finish()
    {
        lock (_gate)
        {
            _progress = _progress with { Done = true };
        }
    }

    public void Abort(string reason)
    {
        lock (_gate)
        {
            _skipReasons[reason] = int.MaxValue;
            _progress = _progress with { Done = true, SkipReason = reason };
        }
    }
}
