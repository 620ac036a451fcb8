using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>LabIntegration rows: a JSON document per row, with the fan-out key in indexed columns.</summary>
public sealed class SqliteIntegrationConfigStore(SqliteHubDatabase database, TimeProvider time) : IIntegrationConfigStore
{
    public async Task<IReadOnlyList<LabIntegration>> ListAsync(long? labId, CancellationToken cancellationToken) =>
        await QueryAsync(labId is null ? "SELECT id, doc FROM hub_integration ORDER BY id" : "SELECT id, doc FROM hub_integration WHERE lab_id = $lab ORDER BY id",
            c => c.Parameters.AddWithValue("$lab", (object?)labId ?? DBNull.Value), cancellationToken);

    public async Task<LabIntegration?> GetAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync("SELECT id, doc FROM hub_integration WHERE id = $id", c => c.Parameters.AddWithValue("$id", id), cancellationToken)).FirstOrDefault();

    public async Task<IReadOnlyList<LabIntegration>> FindActiveAsync(long labId, ActionId actionId, CancellationToken cancellationToken) =>
        await QueryAsync("SELECT id, doc FROM hub_integration WHERE lab_id = $lab AND action_id = $action AND active = 1 ORDER BY id",
            c =>
            {
                c.Parameters.AddWithValue("$lab", labId);
                c.Parameters.AddWithValue("$action", (int)actionId);
            },
            cancellationToken);

    public async Task<LabIntegration> CreateAsync(LabIntegration integration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        integration.CreatedAt = now;
        integration.UpdatedAt = now;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // One statement: the id lives in its column (reads take it from there), not in the document.
        command.CommandText = "INSERT INTO hub_integration (lab_id, action_id, active, doc) VALUES ($lab, $action, $active, $doc) RETURNING id";
        Bind(command, integration);
        command.Parameters.AddWithValue("$doc", HubJson.Serialize(integration));
        integration.Id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return integration;
    }

    public async Task<bool> UpdateAsync(LabIntegration integration, CancellationToken cancellationToken)
    {
        integration.UpdatedAt = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE hub_integration SET lab_id = $lab, action_id = $action, active = $active, doc = $doc WHERE id = $id";
        Bind(command, integration);
        command.Parameters.AddWithValue("$doc", HubJson.Serialize(integration));
        command.Parameters.AddWithValue("$id", integration.Id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM hub_integration WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void Bind(SqliteCommand command, LabIntegration integration)
    {
        command.Parameters.AddWithValue("$lab", integration.LabId);
        command.Parameters.AddWithValue("$action", (int)integration.ActionId);
        command.Parameters.AddWithValue("$active", integration.Active ? 1 : 0);
    }

    private async Task<List<LabIntegration>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<LabIntegration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var integration = HubJson.Deserialize<LabIntegration>(reader.GetString(1));
            integration.Id = reader.GetInt64(0);
            list.Add(integration);
        }

        return list;
    }
}
