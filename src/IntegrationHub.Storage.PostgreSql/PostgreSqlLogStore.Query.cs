using System.Globalization;
using System.Text;
using IntegrationHub.Logging;
using Npgsql;

namespace IntegrationHub.Storage.PostgreSql;

public sealed partial class PostgreSqlLogStore
{
    private const string SummaryColumns = """
        id, direction, lab_id, action_id, action_name, integration_id, integration_name, vendor,
        patient_id, bill_id, sample_id, report_id, source, created_at, status, attempts, updated_at,
        http_status, error_class, error_message, duration_ms, caller
        """;

    /// <inheritdoc />
    public async Task<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, LogQuery.MaxLimit);
        await using var command = database.CreateCommand("");
        var where = Where(command, query);
        if (TryParseCursor(query.Cursor, out var cursorAt, out var cursorId))
        {
            command.WithTime(cursorAt).WithText(cursorId);
            var (at, id) = (command.Parameters.Count - 1, command.Parameters.Count);
            where.Append(CultureInfo.InvariantCulture, $" AND (created_at, id) < (${at}, ${id})");
        }

        command.CommandText = $"SELECT {SummaryColumns} FROM hub_log {where} ORDER BY created_at DESC, id DESC LIMIT {limit + 1}";
        var items = new List<LogSummary>(limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadSummary(reader));
            }
        }

        if (items.Count <= limit)
        {
            return new LogPage(items, null);
        }

        items.RemoveAt(limit);
        return new LogPage(items, FormatCursor(items[^1]));
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(LogQuery query, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("");
        command.CommandText = $"SELECT count(*) FROM hub_log {Where(command, query)}";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // "WHERE ..." for every filter of the query but the cursor, its values bound in order.
    private static StringBuilder Where(NpgsqlCommand command, LogQuery query)
    {
        var where = new StringBuilder("WHERE true");
        void Filter(string column, object? value, NpgsqlTypes.NpgsqlDbType type, string comparison = "=")
        {
            if (value is not null)
            {
                command.With(value, type);
                where.Append(CultureInfo.InvariantCulture, $" AND {column} {comparison} ${command.Parameters.Count}");
            }
        }

        Filter("lab_id", query.LabId, NpgsqlTypes.NpgsqlDbType.Bigint);
        Filter("action_id", query.ActionId, NpgsqlTypes.NpgsqlDbType.Integer);
        Filter("integration_id", query.IntegrationId, NpgsqlTypes.NpgsqlDbType.Bigint);
        Filter("status", query.Status?.ToString(), NpgsqlTypes.NpgsqlDbType.Text);
        Filter("direction", query.Direction?.ToString(), NpgsqlTypes.NpgsqlDbType.Text);
        Filter("patient_id", query.PatientId, NpgsqlTypes.NpgsqlDbType.Bigint);
        Filter("bill_id", query.BillId, NpgsqlTypes.NpgsqlDbType.Bigint);
        Filter("sample_id", query.SampleId, NpgsqlTypes.NpgsqlDbType.Bigint);
        Filter("report_id", query.ReportId, NpgsqlTypes.NpgsqlDbType.Bigint);
        Filter("vendor", string.IsNullOrEmpty(query.Vendor) ? null : query.Vendor, NpgsqlTypes.NpgsqlDbType.Text);
        Filter("error_signature", query.ErrorSignature, NpgsqlTypes.NpgsqlDbType.Text);
        Filter("created_at", query.From?.ToUniversalTime(), NpgsqlTypes.NpgsqlDbType.TimestampTz, ">=");
        Filter("created_at", query.To?.ToUniversalTime(), NpgsqlTypes.NpgsqlDbType.TimestampTz, "<");
        if (query.Search is { } search)
        {
            where.Append(Search(command, search));
        }

        return where.Append(LabScope(command, query.LabIds));
    }

    // " AND (patient_id = ANY($n) OR ... OR partner_reference = $m OR id = $m)": an index per arm, which PostgreSQL ORs as bitmaps; " AND false" when the search found nothing.
    private static string Search(NpgsqlCommand command, LogSearch search)
    {
        var arms = new List<string>();
        void Ids(IReadOnlyList<long> ids, string column)
        {
            if (ids.Count > 0)
            {
                command.With(ids.Distinct().Take(LogSearch.MaxEntities).ToArray(), NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint);
                arms.Add($"{column} = ANY(${command.Parameters.Count.ToString(CultureInfo.InvariantCulture)})");
            }
        }

        Ids(search.PatientIds, "patient_id");
        Ids(search.BillIds, "bill_id");
        Ids(search.SampleIds, "sample_id");
        Ids(search.ReportIds, "report_id");
        if (search.Reference is { } reference)
        {
            command.WithText(reference);
            var n = command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            arms.Add($"partner_reference = ${n}");
            arms.Add($"id = ${n}");
        }

        return arms.Count == 0 ? " AND false" : $" AND ({string.Join(" OR ", arms)})";
    }

    // " AND lab_id = ANY($n)" for a lab scope, "" for every lab, " AND false" for none.
    private static string LabScope(NpgsqlCommand command, IReadOnlyCollection<long>? labIds)
    {
        if (labIds is null)
        {
            return "";
        }

        if (labIds.Count == 0)
        {
            return " AND false";
        }

        command.With(labIds.Distinct().ToArray(), NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint);
        return $" AND lab_id = ANY(${command.Parameters.Count.ToString(CultureInfo.InvariantCulture)})";
    }

    private static LogSummary ReadSummary(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0),
        Direction = Enum.Parse<LogDirection>(r.GetString(1)),
        LabId = r.GetInt64(2),
        ActionId = r.GetInt32(3),
        ActionName = r.GetString(4),
        IntegrationId = r.IsDBNull(5) ? null : r.GetInt64(5),
        IntegrationName = r.IsDBNull(6) ? null : r.GetString(6),
        Vendor = r.IsDBNull(7) ? null : r.GetString(7),
        Context = new LogContext
        {
            PatientId = r.IsDBNull(8) ? null : r.GetInt64(8),
            BillId = r.IsDBNull(9) ? null : r.GetInt64(9),
            SampleId = r.IsDBNull(10) ? null : r.GetInt64(10),
            ReportId = r.IsDBNull(11) ? null : r.GetInt64(11),
            Source = r.IsDBNull(12) ? "" : r.GetString(12),
            Caller = r.IsDBNull(21) ? null : r.GetString(21),
        },
        CreatedAt = r.GetFieldValue<DateTimeOffset>(13),
        Status = Enum.Parse<LogStatus>(r.GetString(14)),
        Attempts = r.GetInt32(15),
        UpdatedAt = r.GetFieldValue<DateTimeOffset>(16),
        HttpStatus = r.IsDBNull(17) ? null : r.GetInt32(17),
        Error = r.IsDBNull(18) ? null : new ErrorRecord(Enum.Parse<ErrorClass>(r.GetString(18)), r.IsDBNull(19) ? "" : r.GetString(19), r.IsDBNull(17) ? null : r.GetInt32(17)),
        DurationMs = r.IsDBNull(20) ? null : r.GetDouble(20),
    };

    // Keyset cursor: the last row's creation time in microseconds since the epoch (the column's precision) and its id.
    private static string FormatCursor(LogSummary last) =>
        $"{((last.CreatedAt.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10).ToString(CultureInfo.InvariantCulture)}_{last.Id}";

    private static bool TryParseCursor(string? cursor, out DateTimeOffset createdAt, out string id)
    {
        createdAt = default;
        id = "";
        var separator = cursor?.IndexOf('_', StringComparison.Ordinal) ?? -1;
        if (separator <= 0 || !long.TryParse(cursor.AsSpan(0, separator), CultureInfo.InvariantCulture, out var micros)
            || micros < 0 || micros > (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10)
        {
            return false;
        }

        createdAt = DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
        id = cursor![(separator + 1)..];
        return true;
    }
}
