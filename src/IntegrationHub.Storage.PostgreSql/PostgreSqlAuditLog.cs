using IntegrationHub.Access;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>The audit log; the table's triggers refuse every update, delete and truncate, whoever sends them.</summary>
public sealed class PostgreSqlAuditLog(PostgreSqlHubDatabase database) : IAuditLog
{
    /// <inheritdoc />
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("INSERT INTO hub_audit (at, actor, action, lab_id, target, detail) VALUES ($1, $2, $3, $4, $5, $6)");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = entry.At.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Actor });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Action });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.LabId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.Target ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)entry.Detail ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(IReadOnlyCollection<long>? labIds, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        // Null parameters mean "no filter": one statement text for every call.
        await using var command = database.CreateCommand("""
            SELECT id, at, actor, action, lab_id, target, detail FROM hub_audit
            WHERE ($1::bigint IS NULL OR id < $1) AND ($2::bigint[] IS NULL OR lab_id = ANY($2))
            ORDER BY id DESC LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)beforeId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)labIds?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Clamp(limit, 1, 1000) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new AuditEntry
            {
                Id = reader.GetInt64(0),
                At = reader.GetFieldValue<DateTimeOffset>(1),
                Actor = reader.GetString(2),
                Action = reader.GetString(3),
                LabId = reader.IsDBNull(4) ? null : reader.GetInt64(4),
                Target = reader.IsDBNull(5) ? null : reader.GetString(5),
                Detail = reader.IsDBNull(6) ? null : reader.GetString(6),
            });
        }

        return list;
    }
}
