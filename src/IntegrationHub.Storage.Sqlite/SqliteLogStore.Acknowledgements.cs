using IntegrationHub.Logging;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

public sealed partial class SqliteLogStore
{
    public async Task<AcknowledgementResult> AcknowledgeAsync(AcknowledgementRequest request, CancellationToken cancellationToken)
    {
        var ack = request.Acknowledgement;
        await using var write = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await write.Connection.BeginTransactionAsync(cancellationToken);
        await using var command = write.Connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$integration", request.IntegrationId);
        if (ack.WebhookId is { } webhookId)
        {
            command.CommandText = "SELECT log_id FROM hub_acknowledgement WHERE integration_id = $integration AND webhook_id = $webhook";
            command.Parameters.AddWithValue("$webhook", webhookId);
            if (await command.ExecuteScalarAsync(cancellationToken) is string answered)
            {
                return new AcknowledgementResult(AcknowledgementOutcome.Duplicate, answered);
            }
        }

        command.CommandText = request.DeliveryLogId is not null
            ? "SELECT id, state FROM hub_log WHERE id = $log AND integration_id = $integration AND direction = 'Outbound'"
            : "SELECT id, state FROM hub_log WHERE integration_id = $integration AND partner_reference = $reference ORDER BY created_at DESC LIMIT 1";
        command.Parameters.AddWithValue("$log", (object?)request.DeliveryLogId ?? DBNull.Value);
        command.Parameters.AddWithValue("$reference", (object?)ack.PartnerReference ?? DBNull.Value);
        string logId;
        LogState state;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new AcknowledgementResult(AcknowledgementOutcome.NoSuchDelivery, null);
            }

            logId = reader.GetString(0);
            state = HubJson.Deserialize<LogState>(reader.GetString(1));
        }

        command.Parameters.Clear();
        command.CommandText = """
            INSERT INTO hub_acknowledgement (integration_id, webhook_id, log_id, received_at, doc) VALUES ($integration, $webhook, $log, $received, $doc);
            UPDATE hub_log SET state = $state, partner_reference = $reference, version = version + 1 WHERE id = $log;
            """;
        command.Parameters.AddWithValue("$integration", request.IntegrationId);
        command.Parameters.AddWithValue("$webhook", (object?)ack.WebhookId ?? DBNull.Value);
        command.Parameters.AddWithValue("$log", logId);
        command.Parameters.AddWithValue("$received", SqliteTime.ToMs(ack.ReceivedAt));
        command.Parameters.AddWithValue("$doc", HubJson.Serialize(ack));
        // A partner that names its reference only in the callback teaches it to the log.
        var reference = state.PartnerReference ?? ack.PartnerReference;
        command.Parameters.AddWithValue("$reference", (object?)reference ?? DBNull.Value);
        command.Parameters.AddWithValue("$state", HubJson.Serialize(state with { Acknowledgement = ack, PartnerReference = reference, Version = 0 }));
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AcknowledgementResult(AcknowledgementOutcome.Recorded, logId);
    }

    public async Task<IReadOnlyList<PartnerAcknowledgement>> GetAcknowledgementsAsync(string logId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM hub_acknowledgement WHERE log_id = $log ORDER BY id";
        command.Parameters.AddWithValue("$log", logId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var acknowledgements = new List<PartnerAcknowledgement>();
        while (await reader.ReadAsync(cancellationToken))
        {
            acknowledgements.Add(HubJson.Deserialize<PartnerAcknowledgement>(reader.GetString(0)));
        }

        return acknowledgements;
    }
}
