using System.Globalization;
using IntegrationHub.Configuration;
using IntegrationHub.Lab.Hosting;

namespace IntegrationHub.Lab.Services;

/// <summary>
/// Reads the bulk-upload CSV into patient inputs, within the lab's limits (rows per file, field
/// length). Problems name the row and the column, never the value: a file without a header line
/// would otherwise have its first patient quoted back as column names.
/// </summary>
internal static class PatientCsv
{
    public static readonly string[] Columns = ["mrn", "firstName", "lastName", "dateOfBirth", "sex", "phone", "email"];

    private static readonly string Expected = string.Join(',', Columns);

    public sealed record Row(int Line, PatientInput Input, IReadOnlyList<ValidationProblem> Problems);

    public static List<Row> Parse(string csv, LabLimits limits)
    {
        var reader = new CsvRecordReader(new StringReader(csv), limits.MaxCsvFieldLength);
        var header = reader.Read()
            ?? throw LabValidationException.Of("csv", $"The file is empty; the first line must be the header: {Expected}");
        var index = IndexOf(header);
        reader.ColumnNames = header;
        var rows = new List<Row>();
        while (reader.Read() is { } fields)
        {
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (rows.Count == limits.MaxCsvRows)
            {
                throw LabValidationException.Of("csv", $"At most {limits.MaxCsvRows} patients per upload; split the file.");
            }

            rows.Add(RowOf(reader.Line, fields, index));
        }

        if (rows.Count == 0)
        {
            throw LabValidationException.Of("csv", "The file has a header but no patients.");
        }

        return rows;
    }

    private static Dictionary<string, int> IndexOf(string[] header)
    {
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
            {
                throw LabValidationException.Of("csv", $"Column {i + 1} of the header has no name; expected: {Expected}.");
            }
        }

        var named = new HashSet<string>(header, StringComparer.OrdinalIgnoreCase);
        var missing = new[] { "mrn", "firstName", "lastName" }.Where(c => !named.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw LabValidationException.Of("csv", $"The header lacks {string.Join(", ", missing)}; expected: {Expected}.");
        }

        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            if (Columns.FirstOrDefault(c => c.Equals(header[i], StringComparison.OrdinalIgnoreCase)) is not { } column)
            {
                throw LabValidationException.Of("csv", $"Column {i + 1} of the header is not a known column; expected: {Expected}.");
            }

            if (!index.TryAdd(column, i))
            {
                throw LabValidationException.Of("csv", $"The header names {column} twice; each column appears once.");
            }
        }

        return index;
    }

    private static Row RowOf(int line, string[] fields, Dictionary<string, int> index)
    {
        string? Field(string name) => index.TryGetValue(name, out var i) && i < fields.Length && fields[i].Length > 0 ? fields[i] : null;
        var problems = new List<ValidationProblem>();
        DateOnly? dob = null;
        if (Field("dateOfBirth") is { } text)
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                dob = parsed;
            }
            else
            {
                problems.Add(new ValidationProblem($"row {line}: dateOfBirth", "Not a date: write it as yyyy-MM-dd."));
            }
        }

        return new Row(line, new PatientInput
        {
            Mrn = Field("mrn"),
            FirstName = Field("firstName"),
            LastName = Field("lastName"),
            DateOfBirth = dob,
            Sex = Field("sex"),
            Phone = Field("phone"),
            Email = Field("email"),
        }, problems);
    }
}
