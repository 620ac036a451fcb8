using IntegrationHub.Logging;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class LogStoreContract
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Volume_in_hourly_buckets_counts_each_hour_by_status_with_empty_hours_as_zeros()
    {
        await SeedVolumeSetAsync();

        var points = await Reads.GetVolumeAsync(null, T0.AddHours(-6), T0, Hour, CancellationToken.None);

        Assert.Equal(
            [
                new VolumePoint(T0.AddHours(-6), 3, 1, 1),
                new VolumePoint(T0.AddHours(-5), 0, 0, 0),
                new VolumePoint(T0.AddHours(-4), 2, 1, 1),
                new VolumePoint(T0.AddHours(-3), 1, 1, 0),
                new VolumePoint(T0.AddHours(-2), 0, 0, 0),
                new VolumePoint(T0.AddHours(-1), 4, 2, 1),
            ],
            points);
    }

    [Fact]
    public async Task Volume_in_five_minute_buckets_counts_each_bucket_by_status_with_empty_ones_as_zeros()
    {
        await SeedVolumeSetAsync();

        var points = await Reads.GetVolumeAsync(null, T0.AddHours(-1), T0, FiveMinutes, CancellationToken.None);

        Assert.Equal(12, points.Count);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => T0.AddHours(-1) + (FiveMinutes * i)), points.Select(p => p.Start));
        Assert.Equal(new VolumePoint(T0.AddHours(-1), 2, 2, 0), points[0]);
        Assert.Equal(new VolumePoint(T0.AddMinutes(-5), 2, 0, 1), points[11]);
        Assert.All(points.Skip(1).Take(10), p => Assert.Equal(new VolumePoint(p.Start, 0, 0, 0), p));
    }

    [Fact]
    public async Task Volume_of_a_lab_scope_counts_only_those_labs()
    {
        await SeedVolumeSetAsync();

        var lab1 = await Reads.GetVolumeAsync([1], T0.AddHours(-6), T0, Hour, CancellationToken.None);
        Assert.Equal([(2, 1, 0), (0, 0, 0), (1, 0, 1), (1, 1, 0), (0, 0, 0), (3, 1, 1)], lab1.Select(p => (p.Total, p.Success, p.Fail)));

        var labs23 = await Reads.GetVolumeAsync([2, 3], T0.AddHours(-1), T0, FiveMinutes, CancellationToken.None);
        Assert.Equal(new VolumePoint(T0.AddHours(-1), 1, 1, 0), labs23[0]);
        Assert.Equal(1, labs23.Sum(p => p.Total));

        var none = await Reads.GetVolumeAsync([], T0.AddHours(-6), T0, Hour, CancellationToken.None);
        Assert.Equal(6, none.Count);
        Assert.All(none, p => Assert.Equal(0, p.Total));
    }

    [Fact]
    public async Task Volume_follows_a_log_from_status_to_status()
    {
        var log = NewLog(T0.AddMinutes(-30));
        await CreateAllAsync(log);
        Assert.Equal(new VolumePoint(T0.AddHours(-1), 1, 0, 0), Assert.Single(await Reads.GetVolumeAsync(null, T0.AddHours(-1), T0, Hour, CancellationToken.None)));

        await FailAsync(log, 1, "Partner answered 500", 500);

        Assert.Equal(new VolumePoint(T0.AddHours(-1), 1, 0, 1), Assert.Single(await Reads.GetVolumeAsync(null, T0.AddHours(-1), T0, Hour, CancellationToken.None)));
        Assert.Equal(1, (await Reads.GetVolumeAsync(null, T0.AddHours(-1), T0, FiveMinutes, CancellationToken.None)).Sum(p => p.Fail));
    }

    [Fact]
    public async Task Volume_counts_inbound_calls_apart_from_deliveries_so_they_do_not_dilute_the_failure_rate()
    {
        var delivered = NewLog(T0.AddMinutes(-40));
        var failed = NewLog(T0.AddMinutes(-30));
        var inbound = NewLog(T0.AddMinutes(-20), 1, 0, null, null) with { Direction = LogDirection.Inbound, State = new LogState { Status = LogStatus.Success, Attempts = 1, UpdatedAt = T0.AddMinutes(-20) } };
        var rejected = NewLog(T0.AddMinutes(-10), 1, 0, null, null) with { Direction = LogDirection.Inbound, State = new LogState { Status = LogStatus.Fail, Attempts = 1, UpdatedAt = T0.AddMinutes(-10) } };
        await CreateAllAsync(delivered, failed, inbound, rejected);
        await Store.RecordAttemptAsync(Attempt(delivered.Id, 1, LogStatus.Success, T0.AddMinutes(-39)), CancellationToken.None);
        await FailAsync(failed, 1, "Partner answered 500", 500);

        Assert.Equal(new VolumePoint(T0.AddHours(-1), 2, 1, 1, 2), Assert.Single(await Reads.GetVolumeAsync(null, T0.AddHours(-1), T0, Hour, CancellationToken.None)));
        var fives = await Reads.GetVolumeAsync(null, T0.AddHours(-1), T0, FiveMinutes, CancellationToken.None);
        Assert.Equal((2, 1, 1, 2), (fives.Sum(p => p.Total), fives.Sum(p => p.Success), fives.Sum(p => p.Fail), fives.Sum(p => p.Inbound)));
        Assert.Equal(new VolumePoint(T0.AddMinutes(-10), 0, 0, 0, 1), fives[10]);
    }

    [Fact]
    public async Task Volume_buckets_start_at_the_window_start_rounded_down_and_count_whole_buckets()
    {
        var seed = await SeedVolumeSetAsync();

        foreach (var (from, to, bucket, start, count) in new[]
        {
            (T0.AddMinutes(-58), T0.AddMinutes(-3), FiveMinutes, T0.AddHours(-1), 12),
            (T0.AddHours(-6).AddMinutes(30), T0.AddMinutes(-30), Hour, T0.AddHours(-6), 6),
            (T0.AddDays(-2), T0, TimeSpan.FromDays(1), T0.AddHours(-8).AddDays(-2), 3),
            (T0.AddHours(-6), T0, TimeSpan.FromMinutes(90), T0.AddHours(-6).AddMinutes(-30), 5),
            (T0.AddHours(-6).AddMinutes(10), T0, TimeSpan.FromHours(5), T0.AddHours(-6), 2),
            (T0.AddMinutes(-59).AddSeconds(-30), T0, TimeSpan.FromMinutes(7), T0.AddMinutes(-59).AddSeconds(-30), 9),
        })
        {
            var points = await Reads.GetVolumeAsync(null, from, to, bucket, CancellationToken.None);
            Assert.Equal(Enumerable.Range(0, count).Select(i => start + (bucket * i)), points.Select(p => p.Start));
            Assert.Equal(ExpectedVolume(seed, start, bucket, count), points);
        }
    }

    [Fact]
    public async Task Volume_in_hours_equals_volume_in_half_hours_added_up()
    {
        await SeedVolumeSetAsync();

        var hours = await Reads.GetVolumeAsync([1, 2, 3], T0.AddHours(-7), T0.AddHours(1), Hour, CancellationToken.None);
        var halves = await Reads.GetVolumeAsync([1, 2, 3], T0.AddHours(-7), T0.AddHours(1), TimeSpan.FromMinutes(30), CancellationToken.None);

        Assert.Equal(hours.Select(p => (p.Total, p.Success, p.Fail)), halves.Chunk(2).Select(h => (h.Sum(p => p.Total), h.Sum(p => p.Success), h.Sum(p => p.Fail))));
        Assert.Equal(12, hours.Sum(p => p.Total)); // every seeded log but the one created at T0 + 1h
    }

    [Fact]
    public async Task Volume_of_an_empty_or_reversed_window_has_no_points()
    {
        await SeedVolumeSetAsync();

        Assert.Empty(await Reads.GetVolumeAsync(null, T0, T0, Hour, CancellationToken.None));
        Assert.Empty(await Reads.GetVolumeAsync(null, T0, T0.AddHours(-2), FiveMinutes, CancellationToken.None));
    }

    [Fact]
    public async Task Volume_refuses_buckets_that_are_not_positive_or_too_many()
    {
        foreach (var bucket in new[] { TimeSpan.Zero, TimeSpan.FromMinutes(-5), TimeSpan.FromTicks(5_000) })
        {
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Reads.GetVolumeAsync(null, T0.AddHours(-1), T0, bucket, CancellationToken.None));
        }

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Reads.GetVolumeAsync(null, T0.AddDays(-1), T0, TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Equal(VolumeBuckets.MaxCount, (await Reads.GetVolumeAsync(null, T0.AddMinutes(-VolumeBuckets.MaxCount), T0, TimeSpan.FromMinutes(1), CancellationToken.None)).Count);
    }

    /// <summary>
    /// Minutes before T0, lab, status: hour T0-6h: -355 lab 1 Success, -350 lab 2 Fail, -345 lab 1 Queued;
    /// hour T0-4h: -200 lab 1 Fail, -190 lab 3 Success; hour T0-3h: -121 lab 1 Success; hour T0-1h:
    /// -58 lab 1 Success, -57 lab 2 Success, -3 lab 1 Retrying and -1 lab 1 Fail (both moved there by
    /// attempts). Outside [T0-6h, T0): -361 lab 1 Success, T0 lab 1 Success, T0+1h lab 1 Success.
    /// </summary>
    private async Task<List<(IntegrationLog Log, LogStatus Status)>> SeedVolumeSetAsync()
    {
        var seed = new List<(IntegrationLog Log, LogStatus Status)>();
        foreach (var (minutes, lab, status) in new (int, long, LogStatus)[]
        {
            (-355, 1, LogStatus.Success), (-350, 2, LogStatus.Fail), (-345, 1, LogStatus.Queued),
            (-200, 1, LogStatus.Fail), (-190, 3, LogStatus.Success), (-121, 1, LogStatus.Success),
            (-58, 1, LogStatus.Success), (-57, 2, LogStatus.Success), (-3, 1, LogStatus.Queued), (-1, 1, LogStatus.Queued),
            (-361, 1, LogStatus.Success), (0, 1, LogStatus.Success), (60, 1, LogStatus.Success),
        })
        {
            var at = T0.AddMinutes(minutes);
            var log = NewLog(at, labId: lab) with { State = new LogState { Status = status, Attempts = status == LogStatus.Queued ? 0 : 1, UpdatedAt = at } };
            await CreateAllAsync(log);
            seed.Add((log, status));
        }

        await Store.RecordAttemptAsync(Attempt(seed[8].Log.Id, 1, LogStatus.Retrying, T0.AddMinutes(-2)), CancellationToken.None);
        await FailAsync(seed[9].Log, 1, "Partner answered 502", 502);
        seed[8] = (seed[8].Log, LogStatus.Retrying);
        seed[9] = (seed[9].Log, LogStatus.Fail);
        return seed;
    }

    private static List<VolumePoint> ExpectedVolume(List<(IntegrationLog Log, LogStatus Status)> seed, DateTimeOffset start, TimeSpan bucket, int count) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            var inBucket = seed.Where(s => s.Log.CreatedAt >= start + (bucket * i) && s.Log.CreatedAt < start + (bucket * (i + 1))).ToList();
            return new VolumePoint(start + (bucket * i), inBucket.Count, inBucket.Count(s => s.Status == LogStatus.Success), inBucket.Count(s => s.Status == LogStatus.Fail));
        }),
    ];
}
