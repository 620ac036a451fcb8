namespace IntegrationHub.Storage.PostgreSql;

/// <summary>Where the hub's PostgreSQL database is.</summary>
public sealed class PostgreSqlHubOptions
{
    /// <summary>An Npgsql connection string (<c>IntegrationHub:Storage:ConnectionString</c>).</summary>
    public string ConnectionString { get; set; } = "";
}
