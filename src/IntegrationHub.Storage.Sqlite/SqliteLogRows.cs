using IntegrationHub.Logging;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>Maps logs and attempts to rows; shared by the log store and the outbox so both write the same shape.</summary>
internal static class SqliteLogRows
{
    public const string InsertLog = "INSERT" + InsertLogTail;

    /// <summary>For records that may arrive twice (a second way after a failed write): the first one wins.</summary>
    public const string InsertLogIfAbsent = "INSERT OR IGNORE" + InsertLogTail;

    private const string InsertLogTail = """
         INTO hub_log (id, direction, lab_id, action_id, action_name, integration_id, integration_name, vendor,
            patient_id, bill_id, sample_id, report_id, source, created_at, status, attempts, updated_at,
            http_status, error_class, error_message, error_signature, partner_reference, duration_ms, version, doc, state, caller)
        VALUES ($id, $direction, $lab, $action, $actionName, $integration, $integrationName, $vendor,
            $patient, $bill, $sample, $report, $source, $created, $status, $attempts, $updated,
            $httpStatus, $errorClass, $errorMessage, $errorSignature, $partnerReference, $duration, 0, $doc, $state, $caller)
        """;

    public const string UpdateState = """
        UPDATE hub_log SET status = $status, attempts = $attempts, updated_at = $updated, http_status = $httpStatus,
            error_class = $errorClass, error_message = $errorMessage, error_signature = $errorSignature,
            partner_reference = $partnerReference, duration_ms = $duration,
            state = $state, version = version + 1
        """;

    public static void BindLog(SqliteCommand command, IntegrationLog log)
    {
        var p = command.Parameters;
        p.Clear();
        p.AddWithValue("$id", log.Id);
        p.AddWithValue("$direction", log.Direction.ToString());
        p.AddWithValue("$lab", log.LabId);
        p.AddWithValue("$action", log.ActionId);
        p.AddWithValue("$actionName", log.ActionName);
        p.AddWithValue("$caller", (object?)log.Context.Caller ?? DBNull.Value);
        p.AddWithValue("$integration", (object?)log.IntegrationId ?? DBNull.Value);
        p.AddWithValue("$integrationName", (object?)log.IntegrationName ?? DBNull.Value);
        p.AddWithValue("$vendor", (object?)log.Vendor ?? DBNull.Value);
        p.AddWithValue("$patient", (object?)log.Context.PatientId ?? DBNull.Value);
        p.AddWithValue("$bill", (object?)log.Context.BillId ?? DBNull.Value);
        p.AddWithValue("$sample", (object?)log.Context.SampleId ?? DBNull.Value);
        p.AddWithValue("$report", (object?)log.Context.ReportId ?? DBNull.Value);
        p.AddWithValue("$source", log.Context.Source);
        p.AddWithValue("$created", SqliteTime.ToMs(log.CreatedAt));
        p.AddWithValue("$doc", LogRow.DocumentOf(log));
        BindState(command, log.State);
    }

    public static void BindState(SqliteCommand command, LogState state) => SqliteStateValues.Of(state).Bind(command);

    public static LogSummary ReadSummary(SqliteDataReader r) => new()
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
        CreatedAt = SqliteTime.FromMs(r.GetInt64(13)),
        Status = Enum.Parse<LogStatus>(r.GetString(14)),
        Attempts = r.GetInt32(15),
        UpdatedAt = SqliteTime.FromMs(r.GetInt64(16)),
        HttpStatus = r.IsDBNull(17) ? null : r.GetInt32(17),
        Error = r.IsDBNull(18) ? null : new ErrorRecord(Enum.Parse<ErrorClass>(r.GetString(18)), r.IsDBNull(19) ? "" : r.GetString(19), r.IsDBNull(17) ? null : r.GetInt32(17)),
        DurationMs = r.IsDBNull(20) ? null : r.GetDouble(20),
    };

    public const string SummaryColumns = """
        id, direction, lab_id, action_id, action_name, integration_id, integration_name, vendor,
        patient_id, bill_id, sample_id, report_id, source, created_at, status, attempts, updated_at,
        http_status, error_class, error_message, duration_ms, caller
        """;
}
