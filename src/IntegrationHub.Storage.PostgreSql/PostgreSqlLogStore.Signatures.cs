using IntegrationHub.Logging;

namespace IntegrationHub.Storage.PostgreSql;

public sealed partial class PostgreSqlLogStore
{
    /// <inheritdoc />
    /// <remarks>
    /// A range of the partial index of failures, grouped by signature; the example log of each group
    /// is its most recently updated one (the first row of its window, newest first).
    /// </remarks>
    public async Task<IReadOnlyList<ErrorSignatureCount>> GetErrorSignaturesAsync(IReadOnlyCollection<long>? labIds, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var command = database.CreateCommand("").WithTime(from).WithTime(to).WithInteger(limit);
        var lab = LabScope(command, labIds);
        command.CommandText = $"""
            SELECT error_signature, count, last_at, id, error_class, http_status FROM (
                SELECT error_signature, count(*) OVER signature AS count, updated_at AS last_at, id, error_class, http_status,
                    row_number() OVER (signature ORDER BY updated_at DESC, id DESC) AS rank
                FROM hub_log
                WHERE status = 'Fail' AND created_at >= $1 AND created_at < $2 AND error_signature IS NOT NULL{lab}
                WINDOW signature AS (PARTITION BY error_signature)) failures
            WHERE rank = 1
            ORDER BY count DESC, last_at DESC, error_signature
            LIMIT $3
            """;
        var counts = new List<ErrorSignatureCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new ErrorSignatureCount(
                reader.GetString(0),
                Enum.Parse<ErrorClass>(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.GetInt64(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3)));
        }

        return counts;
    }
}
