using IntegrationHub.Logging;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql;

public sealed partial class PostgreSqlLogStore
{
    /// <inheritdoc />
    public async Task<AcknowledgementResult> AcknowledgeAsync(AcknowledgementRequest request, CancellationToken cancellationToken)
    {
        var ack = request.Acknowledgement;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (ack.WebhookId is { } webhookId)
        {
            await using var seen = new NpgsqlCommand("SELECT log_id FROM hub_acknowledgement WHERE integration_id = $1 AND webhook_id = $2", connection, transaction);
            if (await seen.WithBigint(request.IntegrationId).WithText(webhookId).ExecuteScalarAsync(cancellationToken) is string answered)
            {
                return new AcknowledgementResult(AcknowledgementOutcome.Duplicate, answered);
            }
        }

        // The log's row is locked until the commit: an attempt recorded at the same time waits, then keeps this.
        string logId;
        LogState state;
        await using (var find = new NpgsqlCommand(request.DeliveryLogId is not null
            ? "SELECT id, state::text FROM hub_log WHERE id = $2 AND integration_id = $1 AND direction = 'Outbound' FOR UPDATE"
            : "SELECT id, state::text FROM hub_log WHERE integration_id = $1 AND partner_reference = $2 ORDER BY created_at DESC LIMIT 1 FOR UPDATE", connection, transaction))
        {
            await using var reader = await find.WithBigint(request.IntegrationId).WithText(request.DeliveryLogId ?? ack.PartnerReference).ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new AcknowledgementResult(AcknowledgementOutcome.NoSuchDelivery, null);
            }

            logId = reader.GetString(0);
            state = HubJson.Deserialize<LogState>(reader.GetString(1));
        }

        await using (var insert = new NpgsqlCommand("""
            INSERT INTO hub_acknowledgement (integration_id, webhook_id, log_id, received_at, doc) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (integration_id, webhook_id) WHERE webhook_id IS NOT NULL DO NOTHING
            """, connection, transaction))
        {
            if (await insert.WithBigint(request.IntegrationId).WithText(ack.WebhookId).WithText(logId).WithTime(ack.ReceivedAt).WithJson(HubJson.Serialize(ack))
                .ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // The same callback, recorded by another process since the look above.
                await transaction.RollbackAsync(cancellationToken);
                return new AcknowledgementResult(AcknowledgementOutcome.Duplicate, logId);
            }
        }

        // A partner that names its reference only in the callback teaches it to the log.
        var reference = state.PartnerReference ?? ack.PartnerReference;
        await using (var update = new NpgsqlCommand("UPDATE hub_log SET state = $2, partner_reference = $3, version = version + 1 WHERE id = $1", connection, transaction))
        {
            await update.WithText(logId).WithJson(HubJson.Serialize(state with { Acknowledgement = ack, PartnerReference = reference, Version = 0 })).WithText(reference)
                .ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new AcknowledgementResult(AcknowledgementOutcome.Recorded, logId);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PartnerAcknowledgement>> GetAcknowledgementsAsync(string logId, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT doc::text FROM hub_acknowledgement WHERE log_id = $1 ORDER BY id").WithText(logId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var acknowledgements = new List<PartnerAcknowledgement>();
        while (await reader.ReadAsync(cancellationToken))
        {
            acknowledgements.Add(HubJson.Deserialize<PartnerAcknowledgement>(reader.GetString(0)));
        }

        return acknowledgements;
    }
}
