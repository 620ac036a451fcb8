using IntegrationHub.Logging;
using Xunit;

namespace IntegrationHub.Contracts;

public abstract partial class LogStoreContract
{
    [Fact]
    public async Task Paging_seven_logs_by_three_gives_three_three_and_one_newest_first()
    {
        var logs = Enumerable.Range(0, 7).Select(i => NewLog(T0.AddSeconds(-i))).ToArray();
        await CreateAllAsync([.. logs.Reverse()]);

        var pages = await ReadAllPagesAsync(new LogQuery { Limit = 3 });

        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Count));
        Assert.NotNull(pages[0].NextCursor);
        Assert.NotNull(pages[1].NextCursor);
        Assert.Null(pages[2].NextCursor);
        Assert.Equal(logs.Select(l => l.Id), pages.SelectMany(p => p.Items).Select(i => i.Id));
    }

    [Fact]
    public async Task Paging_logs_created_at_the_same_moment_skips_and_repeats_none()
    {
        var logs = Enumerable.Range(0, 7).Select(_ => NewLog(T0)).ToArray();
        await CreateAllAsync(logs);

        var pages = await ReadAllPagesAsync(new LogQuery { Limit = 3 });

        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Count));
        var ids = pages.SelectMany(p => p.Items).Select(i => i.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(logs.Select(l => l.Id).Order(), ids.Order());
    }

    [Fact]
    public async Task A_last_page_that_is_exactly_full_has_no_next_cursor()
    {
        await CreateAllAsync([.. Enumerable.Range(0, 6).Select(i => NewLog(T0.AddSeconds(i)))]);

        var pages = await ReadAllPagesAsync(new LogQuery { Limit = 3 });

        Assert.Equal([3, 3], pages.Select(p => p.Items.Count));
        Assert.Null(pages[1].NextCursor);
    }

    [Fact]
    public async Task Paging_keeps_the_filter_on_every_page()
    {
        var lab1 = Enumerable.Range(0, 5).Select(i => NewLog(T0.AddSeconds(-2 * i), labId: 1)).ToArray();
        var lab2 = Enumerable.Range(0, 5).Select(i => NewLog(T0.AddSeconds((-2 * i) - 1), labId: 2)).ToArray();
        await CreateAllAsync([.. lab1, .. lab2]);

        var pages = await ReadAllPagesAsync(new LogQuery { LabId = 1, Limit = 2 });

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(lab1.Select(l => l.Id), pages.SelectMany(p => p.Items).Select(i => i.Id));
    }

    /// <summary>Follows NextCursor until it is null (at most 20 pages, so a broken cursor cannot loop forever).</summary>
    private async Task<List<LogPage>> ReadAllPagesAsync(LogQuery query)
    {
        var pages = new List<LogPage>();
        string? cursor = null;
        do
        {
            var page = await Reads.QueryAsync(query with { Cursor = cursor }, CancellationToken.None);
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 20);

        return pages;
    }
}
