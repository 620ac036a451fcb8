using System.Text;

namespace IntegrationHub.Lab.Services;

/// <summary>
/// Reads CSV records (RFC 4180: comma-separated, fields in double quotes may hold commas, line
/// breaks and doubled quotes) one at a time, trimming white space around each field and skipping
/// blank lines. It reads each character once, so its time is linear in the input, and it refuses
/// a field longer than <paramref name="maxFieldLength"/> as soon as it gets there, before
/// buffering it. Problems name the row and the column, never the text.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, int maxFieldLength)
{
    private readonly StringBuilder _field = new();
    private int _nextLine = 1;

    /// <summary>The line the last record read starts on (1 for the first line of the file).</summary>
    public int Line { get; private set; }

    /// <summary>Names of the columns, once the header is known; problems then name the column rather than its position.</summary>
    public IReadOnlyList<string>? ColumnNames { get; set; }

    /// <summary>The next record's fields; null at the end of the input.</summary>
    public string[]? Read()
    {
        while (reader.Peek() >= 0)
        {
            Line = _nextLine;
            var (fields, blank) = ReadRecord();
            if (!blank)
            {
                return fields;
            }
        }

        return null;
    }

    private (string[] Fields, bool Blank) ReadRecord()
    {
        var fields = new List<string>();
        var quotedAny = false;
        while (true)
        {
            SkipBlanks();
            if (reader.Peek() == '"')
            {
                reader.Read();
                quotedAny = true;
                ReadQuoted(fields.Count);
                SkipBlanks();
                if (reader.Peek() is not (-1 or ',' or '\r' or '\n'))
                {
                    throw Problem(fields.Count, "Text follows the closing quote of a quoted field.");
                }
            }
            else
            {
                ReadUnquoted(fields.Count);
            }

            fields.Add(_field.ToString().Trim());
            _field.Clear();
            switch (reader.Read())
            {
                case ',':
                    continue;
                case '\r':
                    if (reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    _nextLine++;
                    break;
                case '\n':
                    _nextLine++;
                    break;
            }

            return ([.. fields], !quotedAny && fields.Count == 1 && fields[0].Length == 0);
        }
    }

    private void ReadUnquoted(int column)
    {
        while (reader.Peek() is not (-1 or ',' or '\r' or '\n'))
        {
            Append(column, (char)reader.Read());
        }
    }

    private void ReadQuoted(int column)
    {
        while (true)
        {
            var c = reader.Read();
            switch (c)
            {
                case -1:
                    throw Problem(column, "A quoted field is not closed.");
                case '"' when reader.Peek() == '"':
                    reader.Read();
                    Append(column, '"');
                    break;
                case '"':
                    return;
                case '\n':
                case '\r' when reader.Peek() != '\n':
                    _nextLine++;
                    Append(column, (char)c);
                    break;
                default:
                    Append(column, (char)c);
                    break;
            }
        }
    }

    private void SkipBlanks()
    {
        while (reader.Peek() is ' ' or '\t')
        {
            reader.Read();
        }
    }

    private void Append(int column, char c)
    {
        if (_field.Length >= maxFieldLength)
        {
            throw Problem(column, $"A field may have at most {maxFieldLength} characters.");
        }

        _field.Append(c);
    }

    private LabValidationException Problem(int column, string message) =>
        ColumnNames is { } names && column < names.Count
            ? LabValidationException.Of($"row {Line}: {names[column]}", message)
            : LabValidationException.Of($"row {Line}", $"Column {column + 1}: {message}");
}
