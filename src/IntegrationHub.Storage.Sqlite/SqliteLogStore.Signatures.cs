using IntegrationHub.Logging;

namespace IntegrationHub.Storage.Sqlite;

public sealed partial class SqliteLogStore
{
    /// <inheritdoc/>
    /// <remarks>
    /// One range of the partial, covering index of failures (<see cref="SqliteSchema.CreateAfterUpgrade"/>),
    /// grouped in a temporary b-tree: the cost grows with the failures of the window, not with the logs.
    /// The example log is the group's row with the latest update, which SQLite gives for the bare
    /// columns of a query with a single MAX().
    /// </remarks>
    public async Task<IReadOnlyList<ErrorSignatureCount>> GetErrorSignaturesAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (labIds is { Count: 0 })
        {
            return []; // and no "AND 0" for SQLite to fold away, which would leave INDEXED BY without a plan
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var lab = SqliteLogFilter.LabScope(command, labIds);
        command.CommandText = $"""
            SELECT error_signature, COUNT(*), MAX(updated_at), id, error_class, http_status
            FROM hub_log INDEXED BY ix_hub_log_fail_signature
            WHERE status = 'Fail' AND created_at >= $from AND created_at < $to AND error_signature IS NOT NULL{lab}
            GROUP BY error_signature
            ORDER BY 2 DESC, 3 DESC, 1
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$from", SqliteTime.ToMs(from));
        command.Parameters.AddWithValue("$to", SqliteTime.ToMs(to));
        command.Parameters.AddWithValue("$limit", limit);
        var counts = new List<ErrorSignatureCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new ErrorSignatureCount(
                reader.GetString(0),
                Enum.Parse<ErrorClass>(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.GetInt64(1),
                SqliteTime.FromMs(reader.GetInt64(2)),
                reader.GetString(3)));
        }

        return counts;
    }
}
