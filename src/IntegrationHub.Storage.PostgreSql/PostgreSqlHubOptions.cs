using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>Where the hub's PostgreSQL database is, and how its processes share the limits.</summary>
public sealed class PostgreSqlHubOptions
{
    /// <summary>
    /// How often a receive looks again while due work waits for an integration's room in the
    /// cluster (its <c>maxConcurrency</c> taken by other processes, whose finishes wake no one
    /// here). Default: 50 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.005", "00:00:05")]
    public TimeSpan ClusterLimitPoll { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often a send waiting for its integration's rate, held by sends in flight in any process, asks again. Default: 10 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:01")]
    public TimeSpan SendSlotPoll { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>An Npgsql connection string (<c>IntegrationHub:Storage:ConnectionString</c>).</summary>
    public string ConnectionString { get; set; } = "";
}
