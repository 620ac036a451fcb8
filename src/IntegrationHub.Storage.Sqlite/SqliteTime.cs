namespace IntegrationHub.Storage.Sqlite;

/// <summary>Times are stored as Unix milliseconds: sortable, indexable, compact.</summary>
internal static class SqliteTime
{
    public static long ToMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);
}
