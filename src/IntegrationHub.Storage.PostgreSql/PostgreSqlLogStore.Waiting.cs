using IntegrationHub.Logging;

namespace IntegrationHub.Storage.PostgreSql;

public sealed partial class PostgreSqlLogStore
{
    /// <inheritdoc />
    /// <remarks>Over the status index: only the QUEUED and RETRYING rows are read; the next attempt from the state document of the retrying ones.</remarks>
    public async Task<IReadOnlyList<WaitingDeliveries>> GetWaitingAsync(IReadOnlyCollection<long>? labIds, long? integrationId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("");
        var one = "";
        if (integrationId is { } id)
        {
            command.WithBigint(id);
            one = $" AND integration_id = ${command.Parameters.Count}";
        }

        var lab = LabScope(command, labIds);
        command.CommandText = $"""
            SELECT integration_id, max(integration_name), status, count(*), min(created_at),
                min((state->>'nextAttemptAt')::timestamptz) FILTER (WHERE status = 'Retrying')
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
                    reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }

        return WaitingRows.Fold(rows);
    }
}
