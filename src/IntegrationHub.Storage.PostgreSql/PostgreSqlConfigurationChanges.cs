using System.Globalization;
using IntegrationHub.Integrations;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>
/// "Integration N changed", cluster-wide: this process's subscribers are called at once, then a
/// <c>NOTIFY hub_config</c> carries the id to every other process's <c>LISTEN</c>ing connection
/// (each process hears its own notice too, and calls its subscribers once more, which they allow).
/// A notice lost while a listener reconnects is covered by the cache's lifetime.
/// </summary>
public sealed partial class PostgreSqlConfigurationChanges : IConfigurationChanges, IAsyncDisposable
{
    // How long a publish waits for the database before giving up on telling the other processes.
    private static readonly TimeSpan NotifyTimeout = TimeSpan.FromSeconds(2);

    private readonly InProcessConfigurationChanges _local = new();
    private readonly PostgreSqlHubDatabase _database;
    private readonly PostgreSqlListener _listener;
    private readonly ILogger<PostgreSqlConfigurationChanges> _logger;

    public PostgreSqlConfigurationChanges(PostgreSqlHubDatabase database, ILogger<PostgreSqlConfigurationChanges> logger)
    {
        _database = database;
        _logger = logger;
        _listener = new PostgreSqlListener(database, "hub_config", Heard, () => { }, logger);
    }

    /// <inheritdoc />
    public async ValueTask PublishAsync(long integrationId, CancellationToken cancellationToken)
    {
        _local.Notify(integrationId);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(NotifyTimeout);
            await using var command = _database.CreateCommand("SELECT pg_notify('hub_config', $1)").WithText(integrationId.ToString(CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(deadline.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The change is committed; the other processes see it when their cached copies expire.
            LogNotifyFailed(e, integrationId);
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe(Action<long> changed)
    {
        _listener.Start();
        return _local.Subscribe(changed);
    }

    private void Heard(string payload)
    {
        if (long.TryParse(payload, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            _local.Notify(id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the other hub processes that integration {IntegrationId} changed; they see it when their cached copies expire.")]
    private partial void LogNotifyFailed(Exception exception, long integrationId);

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
