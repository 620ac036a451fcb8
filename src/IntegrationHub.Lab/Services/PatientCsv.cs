using System.Globalization;
using IntegrationHub.Configuration;
using Microsoft.VisualBasic.FileIO;

namespace IntegrationHub.Lab.Services;

/// <summary>Reads the bulk-upload CSV (RFC 4180 quoting, via the BCL's TextFieldParser) into patient inputs.</summary>
internal static class PatientCsv
{
    public static readonly string[] Columns = ["mrn", "firstName", "lastName", "dateOfBirth", "sex", "phone", "email"];

    public sealed record Row(int Line, PatientInput Input, IReadOnlyList<ValidationProblem> Problems);

    public static List<Row> Parse(string csv)
    {
        using var parser = new TextFieldParser(new StringReader(csv)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = true };
        parser.SetDelimiters(",");
        string[]? header;
        try
        {
            header = parser.ReadFields();
        }
        catch (MalformedLineException e)
        {
            throw LabValidationException.Of("csv", $"The header line is malformed: {e.Message}");
        }

        if (header is null)
        {
            throw LabValidationException.Of("csv", "The file is empty; the first line must be the header: " + string.Join(',', Columns));
        }

        var index = header.Select((name, i) => (name, i)).ToDictionary(h => h.name, h => h.i, StringComparer.OrdinalIgnoreCase);
        var missing = new[] { "mrn", "firstName", "lastName" }.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw LabValidationException.Of("csv", $"The header lacks {string.Join(", ", missing)}; expected: {string.Join(',', Columns)}.");
        }

        var unknown = header.Where(h => !Columns.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw LabValidationException.Of("csv", $"Unknown column(s) {string.Join(", ", unknown)}; expected: {string.Join(',', Columns)}.");
        }

        var rows = new List<Row>();
        while (!parser.EndOfData)
        {
            var line = (int)parser.LineNumber;
            string[]? fields;
            try
            {
                fields = parser.ReadFields();
            }
            catch (MalformedLineException e)
            {
                throw LabValidationException.Of($"row {line}", $"Malformed CSV line: {e.Message}");
            }

            if (fields is null || fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

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
                    problems.Add(new ValidationProblem($"row {line}: dateOfBirth", $"'{text}' is not a date (yyyy-MM-dd)."));
                }
            }

            rows.Add(new Row(line, new PatientInput
            {
                Mrn = Field("mrn"),
                FirstName = Field("firstName"),
                LastName = Field("lastName"),
                DateOfBirth = dob,
                Sex = Field("sex"),
                Phone = Field("phone"),
                Email = Field("email"),
            }, problems));
        }

        if (rows.Count == 0)
        {
            throw LabValidationException.Of("csv", "The file has a header but no patients.");
        }

        return rows;
    }
}
