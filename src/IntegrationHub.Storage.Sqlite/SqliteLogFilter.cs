using System.Globalization;
using System.Text;
using IntegrationHub.Logging;
using Microsoft.Data.Sqlite;

namespace IntegrationHub.Storage.Sqlite;

/// <summary>The WHERE clause of a <see cref="LogQuery"/>, shared by the page and the count so both select the same logs.</summary>
internal static class SqliteLogFilter
{
    /// <summary>"WHERE …" over hub_log for every filter of <paramref name="query"/> but the cursor; binds its parameters to <paramref name="command"/>.</summary>
    public static StringBuilder Where(SqliteCommand command, LogQuery query)
    {
        var where = new StringBuilder("WHERE 1 = 1");
        void Filter<T>(T? value, string column) where T : struct
        {
            if (value is { } v)
            {
                var name = "$" + column;
                where.Append(CultureInfo.InvariantCulture, $" AND {column} = {name}");
                command.Parameters.AddWithValue(name, v is Enum e ? e.ToString() : v);
            }
        }

        Filter(query.LabId, "lab_id");
        Filter(query.ActionId, "action_id");
        Filter(query.IntegrationId, "integration_id");
        Filter(query.Status, "status");
        Filter(query.Direction, "direction");
        Filter(query.PatientId, "patient_id");
        Filter(query.BillId, "bill_id");
        Filter(query.SampleId, "sample_id");
        Filter(query.ReportId, "report_id");
        if (!string.IsNullOrEmpty(query.Vendor))
        {
            where.Append(" AND vendor = $vendor");
            command.Parameters.AddWithValue("$vendor", query.Vendor);
        }

        if (query.ErrorSignature is { } signature)
        {
            where.Append(" AND error_signature = $signature");
            command.Parameters.AddWithValue("$signature", signature);
        }

        if (query.From is { } from)
        {
            where.Append(" AND created_at >= $from");
            command.Parameters.AddWithValue("$from", SqliteTime.ToMs(from));
        }

        if (query.To is { } to)
        {
            where.Append(" AND created_at < $to");
            command.Parameters.AddWithValue("$to", SqliteTime.ToMs(to));
        }

        if (query.Search is { } search)
        {
            where.Append(Search(command, search));
        }

        return where.Append(LabScope(command, query.LabIds));
    }

    /// <summary>
    /// " AND (patient_id IN (…) OR … OR partner_reference = … OR id = …)": each arm has an index of
    /// its own, so SQLite answers the OR from them (a multi-index OR) rather than walking every log;
    /// " AND 0" when the search found nothing.
    /// </summary>
    private static string Search(SqliteCommand command, LogSearch search)
    {
        var arms = new List<string>();
        void Ids(IReadOnlyList<long> ids, string column)
        {
            if (ids.Count == 0)
            {
                return;
            }

            var names = new List<string>();
            foreach (var id in ids.Distinct().Take(LogSearch.MaxEntities))
            {
                var name = $"$s_{column}{names.Count.ToString(CultureInfo.InvariantCulture)}";
                command.Parameters.AddWithValue(name, id);
                names.Add(name);
            }

            arms.Add($"{column} IN ({string.Join(", ", names)})");
        }

        Ids(search.PatientIds, "patient_id");
        Ids(search.BillIds, "bill_id");
        Ids(search.SampleIds, "sample_id");
        Ids(search.ReportIds, "report_id");
        if (search.Reference is { } reference)
        {
            arms.Add("partner_reference = $s_reference");
            arms.Add("id = $s_reference");
            command.Parameters.AddWithValue("$s_reference", reference);
        }

        return arms.Count == 0 ? " AND 0" : $" AND ({string.Join(" OR ", arms)})";
    }

    /// <summary>
    /// " AND lab_id IN (…)" for a lab scope, "" for every lab, " AND 0" for none. An IN list keeps the
    /// (lab_id, created_at) index usable: SQLite walks it once per lab and, under ORDER BY created_at
    /// with a LIMIT, stops each walk as soon as the page is full.
    /// </summary>
    public static string LabScope(SqliteCommand command, IReadOnlyCollection<long>? labIds)
    {
        if (labIds is null)
        {
            return "";
        }

        if (labIds.Count == 0)
        {
            return " AND 0";
        }

        var names = new List<string>(labIds.Count);
        foreach (var lab in labIds.Distinct())
        {
            var name = "$scope" + names.Count.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, lab);
            names.Add(name);
        }

        return $" AND lab_id IN ({string.Join(", ", names)})";
    }
}
