using System.Text;

namespace IntegrationHub.Storage.PostgreSql;

/// <summary>JSON text as a JSONB column takes it.</summary>
internal static class PostgreSqlJson
{
    /// <summary>
    /// JSONB refuses the escape <c>\u0000</c> (PostgreSQL text cannot hold NUL), and a partner's
    /// answer may carry one: each becomes <c>\uFFFD</c> (the replacement character), so the record is
    /// stored, not dropped. An escaped backslash followed by "u0000" is text, and is left alone.
    /// </summary>
    public static string ForJsonb(string json)
    {
        var at = json.IndexOf("\\u0000", StringComparison.Ordinal);
        if (at < 0)
        {
            return json;
        }

        var result = new StringBuilder(json.Length);
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] != '\\' || i + 1 >= json.Length)
            {
                result.Append(json[i]);
                continue;
            }

            if (string.CompareOrdinal(json, i, "\\u0000", 0, 6) == 0)
            {
                result.Append("\\uFFFD");
                i += 5;
            }
            else
            {
                // Any other escape: copy it whole, so its second character is never read as the start of one.
                result.Append(json, i, 2);
                i++;
            }
        }

        return result.ToString();
    }
}
