
namespace IntegrationHub.Logging;

/// <summary>
/// The buckets of a volume series (<see cref="Storage.ILogReadModel.GetVolumeAsync"/>): where the first starts and
/// how many cover the window. Shared by every store so they agree on the edges.
/// </summary>
public sealed class VolumeBuckets
{
    /// <summary>The most buckets one series may have: a chart has no use for more, and a store reads at most this many.</summary>
    public const int MaxCount = 1000;

    private VolumeBuckets(DateTimeOffset start, TimeSpan size, int count) => (Start, Size, Count) = (start, size, count);

    /// <summary>Where the first bucket starts (UTC).</summary>
    public DateTimeOffset Start { get; }

    public TimeSpan Size { get; }

    public int Count { get; }

    /// <summary>Where the last bucket ends: at or after the window's end.</summary>
    public DateTimeOffset End => Start + (Size * Count);

    /// <summary>True when buckets are whole hours; they then start on a whole hour, so an hourly roll-up counts them exactly.</summary>
    public bool WholeHours => Size.Ticks % TimeSpan.TicksPerHour == 0;

    /// <summary>
    /// The buckets of <paramref name="bucket"/> length that cover [<paramref name="from"/>, <paramref name="to"/>).
    /// The first starts at <paramref name="from"/> rounded down: to a multiple of the bucket (in UTC)
    /// when the bucket divides a day, so 5-minute buckets start on :00, :05, … and daily ones at
    /// midnight UTC; else to the hour when the bucket is whole hours; else to the millisecond. No
    /// bucket when <paramref name="to"/> is not after <paramref name="from"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The bucket is not a positive whole number of milliseconds, or the window needs more than <see cref="MaxCount"/> buckets.</exception>
    public static VolumeBuckets Cover(DateTimeOffset from, DateTimeOffset to, TimeSpan bucket)
    {
        if (bucket <= TimeSpan.Zero || bucket.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "A bucket must be a positive whole number of milliseconds.");
        }

        var size = bucket.Ticks;
        var unit = TimeSpan.TicksPerDay % size == 0 ? size
            : size % TimeSpan.TicksPerHour == 0 ? TimeSpan.TicksPerHour
            : TimeSpan.TicksPerMillisecond;

        // UtcTicks count from 0001-01-01, a whole number of days before the Unix epoch, so rounding them rounds UTC days too.
        var start = from.UtcTicks - (from.UtcTicks % unit);
        var span = to.UtcTicks - start;
        var count = to <= from ? 0 : (span / size) + (span % size == 0 ? 0 : 1);
        if (count > MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(bucket), bucket, $"{count} buckets of {bucket} cover {from:O} to {to:O}; at most {MaxCount} are allowed. Use a larger bucket or a shorter window.");
        }

        return new VolumeBuckets(new DateTimeOffset(start, TimeSpan.Zero), bucket, (int)count);
    }

    /// <summary>
    /// One point per bucket, empty ones included, in time order, from partial counts by bucket index
    /// (several rows may add to one bucket: a store may count hours and leave the adding up to this);
    /// indexes outside the series are ignored. Total, success and fail count deliveries; inbound counts inbound calls.
    /// </summary>
    public IReadOnlyList<VolumePoint> Fold(IEnumerable<(long Index, long Total, long Success, long Fail, long Inbound)> counts)
    {
        var points = new (long Total, long Success, long Fail, long Inbound)[Count];
        foreach (var (index, total, success, fail, inbound) in counts)
        {
            if (index >= 0 && index < Count)
            {
                var point = points[index];
                points[index] = (point.Total + total, point.Success + success, point.Fail + fail, point.Inbound + inbound);
            }
        }

        return [.. points.Select((p, i) => new VolumePoint(Start + (Size * i), p.Total, p.Success, p.Fail, p.Inbound))];
    }
}
