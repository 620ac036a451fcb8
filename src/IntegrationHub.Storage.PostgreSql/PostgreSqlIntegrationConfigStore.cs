using IntegrationHub.Actions;
using IntegrationHub.Configuration;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>LabIntegration rows: a JSON document per row (kept as written), the fan-out key in indexed columns, the id in its own.</summary>
public sealed class PostgreSqlIntegrationConfigStore(PostgreSqlHubDatabase database, TimeProvider time) : IIntegrationConfigStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<LabIntegration>> ListAsync(long? labId, CancellationToken cancellationToken) =>
        labId is { } lab
            ? QueryAsync("SELECT id, doc::text FROM hub_integration WHERE lab_id = $1 ORDER BY id", cancellationToken, lab)
            : QueryAsync("SELECT id, doc::text FROM hub_integration ORDER BY id", cancellationToken);

    /// <inheritdoc />
    public async Task<LabIntegration?> GetAsync(long id, CancellationToken cancellationToken) =>
        await QueryAsync("SELECT id, doc::text FROM hub_integration WHERE id = $1", cancellationToken, id) is [var first, ..] ? first : null;

    /// <inheritdoc />
    public Task<IReadOnlyList<LabIntegration>> FindActiveAsync(long labId, ActionId actionId, CancellationToken cancellationToken) =>
        QueryAsync("SELECT id, doc::text FROM hub_integration WHERE lab_id = $1 AND action_id = $2 AND active ORDER BY id", cancellationToken, labId, (int)actionId);

    /// <inheritdoc />
    public async Task<LabIntegration> CreateAsync(LabIntegration integration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        integration.CreatedAt = now;
        integration.UpdatedAt = now;
        await using var command = database.CreateCommand("INSERT INTO hub_integration (lab_id, action_id, active, doc, max_concurrency) VALUES ($1, $2, $3, $4, $5) RETURNING id");
        Bind(command, integration);
        integration.Id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return integration;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateAsync(LabIntegration integration, CancellationToken cancellationToken)
    {
        integration.UpdatedAt = time.GetUtcNow();
        await using var command = database.CreateCommand("UPDATE hub_integration SET lab_id = $1, action_id = $2, active = $3, doc = $4, max_concurrency = $5 WHERE id = $6");
        Bind(command, integration);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = integration.Id });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM hub_integration WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void Bind(NpgsqlCommand command, LabIntegration integration)
    {
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = integration.LabId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)integration.ActionId });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = integration.Active });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = HubJson.Serialize(integration), NpgsqlDbType = NpgsqlDbType.Json });

        // Read by the lease statement, which holds it for the whole cluster (PostgreSqlDeliveryTransport).
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = integration.MaxConcurrency });
    }

    private async Task<IReadOnlyList<LabIntegration>> QueryAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

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
