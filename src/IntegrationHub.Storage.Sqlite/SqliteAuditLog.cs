using System.Globalization;
using IntegrationHub.Access;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>The audit log in the hub's SQLite file; the table itself refuses updates and deletes.</summary>
public sealed class SqliteAuditLog(SqliteHubDatabase database) : IAuditLog
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var lease = await database.OpenForWriteAsync(cancellationToken);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = "INSERT INTO hub_audit (at, actor, action, lab_id, target, detail) VALUES ($at, $actor, $action, $lab, $target, $detail)";
        command.Parameters.AddWithValue("$at", SqliteTime.ToMs(entry.At));
        command.Parameters.AddWithValue("$actor", entry.Actor);
        command.Parameters.AddWithValue("$action", entry.Action);
        command.Parameters.AddWithValue("$lab", (object?)entry.LabId ?? DBNull.Value);
        command.Parameters.AddWithValue("$target", (object?)entry.Target ?? DBNull.Value);
        command.Parameters.AddWithValue("$detail", (object?)entry.Detail ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(IReadOnlyCollection<long>? labIds, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        if (beforeId is { } before)
        {
            where.Add("id < $before");
            command.Parameters.AddWithValue("$before", before);
        }

        if (labIds is not null)
        {
            // Ids are longs, formatted invariantly: safe to inline.
            where.Add($"lab_id IN ({string.Join(',', labIds.Select(l => l.ToString(CultureInfo.InvariantCulture)))})");
        }

        command.CommandText = "SELECT id, at, actor, action, lab_id, target, detail FROM hub_audit"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + " ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 1000));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new AuditEntry
            {
                Id = reader.GetInt64(0),
                At = SqliteTime.FromMs(reader.GetInt64(1)),
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
