using IntegrationHub.Logging;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>
/// Brings a database made by an older release up to <see cref="SqliteSchema"/>: adds the columns its
/// tables lack and fills them for the rows already there, so old logs take part in what the new
/// column serves. The check is repeated inside a write transaction, so two processes opening the
/// same old file add each column once.
/// </summary>
internal static class SqliteSchemaUpgrade
{
    private sealed record AddedColumn(string Table, string Column, string Definition, Func<SqliteCommand, Task> FillAsync);

    private static readonly AddedColumn[] Columns =
    [
        new("hub_log", "error_signature", "TEXT", FillErrorSignaturesAsync),
        new("hub_log", "partner_reference", "TEXT", FillPartnerReferencesAsync),
        new("hub_user", "security_stamp", "TEXT NOT NULL DEFAULT ''", FillSecurityStampsAsync),

        // Older logs named no caller: nothing to fill.
        new("hub_log", "caller", "TEXT", _ => Task.CompletedTask),
    ];

    public static async Task RunAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        if (await MissingAsync(command) is [])
        {
            return;
        }

        // BeginTransaction is BEGIN IMMEDIATE: the write lock first, then the second look.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        command.Transaction = transaction;
        foreach (var added in await MissingAsync(command))
        {
            command.CommandText = $"ALTER TABLE {added.Table} ADD COLUMN {added.Column} {added.Definition}";
            await command.ExecuteNonQueryAsync();
            await added.FillAsync(command);
        }

        await transaction.CommitAsync();
    }

    private static async Task<List<AddedColumn>> MissingAsync(SqliteCommand command)
    {
        var missing = new List<AddedColumn>();
        foreach (var added in Columns)
        {
            command.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{added.Table}') WHERE name = '{added.Column}'";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                missing.Add(added);
            }
        }

        return missing;
    }

    /// <summary>
    /// A random stamp for every user made before stamps. Cookies issued before carry none, so every
    /// session of the old release ends: each user signs in once more.
    /// </summary>
    private static async Task FillSecurityStampsAsync(SqliteCommand command)
    {
        // randomblob is evaluated once per row: every user gets a stamp of their own.
        command.CommandText = "UPDATE hub_user SET security_stamp = lower(hex(randomblob(16))) WHERE security_stamp = ''";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The partner reference of every log whose state holds one, so callbacks can find older deliveries too.</summary>
    private static async Task FillPartnerReferencesAsync(SqliteCommand command)
    {
        command.CommandText = "UPDATE hub_log SET partner_reference = json_extract(state, '$.partnerReference') WHERE json_extract(state, '$.partnerReference') IS NOT NULL";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The signature of every log whose current state has an error, from the columns the state was written to.</summary>
    private static async Task FillErrorSignaturesAsync(SqliteCommand command)
    {
        command.CommandText = "SELECT id, error_class, error_message, http_status FROM hub_log WHERE error_class IS NOT NULL";
        var signatures = new List<(string Id, string Signature)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (!Enum.TryParse<ErrorClass>(reader.GetString(1), out var errorClass))
                {
                    continue;
                }

                int? status = reader.IsDBNull(3) ? null : reader.GetInt32(3);
                var error = new ErrorRecord(errorClass, reader.IsDBNull(2) ? "" : reader.GetString(2), status);
                signatures.Add((reader.GetString(0), ErrorSignature.Of(error, status)!));
            }
        }

        command.CommandText = "UPDATE hub_log SET error_signature = $signature WHERE id = $id";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var signature = command.Parameters.Add("$signature", SqliteType.Text);
        foreach (var row in signatures)
        {
            id.Value = row.Id;
            signature.Value = row.Signature;
            await command.ExecuteNonQueryAsync();
        }

        command.Parameters.Clear();
    }
}
