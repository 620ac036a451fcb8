using System.Globalization;
using IntegrationHub.Logging;

namespace IntegrationHub.Storage.Sqlite;

public sealed partial class SqliteLogStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// Over the status index: only the QUEUED and RETRYING rows are read. The next attempt is in the
    /// state document (ISO 8601 in UTC, which orders as text); it is read for retrying rows only.
    /// </remarks>
    public async Task<IReadOnlyList<WaitingDeliveries>> GetWaitingAsync(IReadOnlyCollection<long>? labIds, long? integrationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var lab = SqliteLogFilter.LabScope(command, labIds);
        var one = "";
        if (integrationId is { } id)
        {
            one = " AND integration_id = $integration";
            command.Parameters.AddWithValue("$integration", id);
        }

        command.CommandText = $"""
            SELECT integration_id, MAX(integration_name), status, COUNT(*), MIN(created_at),
                MIN(CASE WHEN status = 'Retrying' THEN json_extract(state, '$.nextAttemptAt') END)
            FROM hub_log WHERE status IN ('Queued', 'Retrying') AND integration_id IS NOT NULL{one}{lab}
            GROUP BY integration_id, status
            """;
        var rows = new List<WaitingRows.Row>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new WaitingRows.Row(
                    reader.GetInt64(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    Enum.Parse<LogStatus>(reader.GetString(2)),
                    reader.GetInt64(3),
                    SqliteTime.FromMs(reader.GetInt64(4)),
                    reader.IsDBNull(5) ? null : DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture)));
            }
        }

        return WaitingRows.Fold(rows);
    }
}
