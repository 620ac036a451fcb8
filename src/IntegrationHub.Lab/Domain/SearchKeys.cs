using System.Globalization;
using System.Text;

namespace IntegrationHub.Lab.Domain;

/// <summary>
/// Names and titles as the search box compares them: lower case (invariant), runs of white space as
/// one space, trimmed. Kept in indexed columns beside the values (written on every save), so a name
/// is found by an index on either engine, not by a scan with a case-folding function.
/// </summary>
public static class SearchKeys
{
    /// <summary>The longest key kept; a longer name or title is compared on its first this many characters.</summary>
    public const int MaxLength = 200;

    public static string Of(string text)
    {
        var key = new StringBuilder(Math.Min(text.Length, MaxLength));
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                if (key.Length > 0 && key[^1] != ' ')
                {
                    key.Append(' ');
                }
            }
            else
            {
                key.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }

            if (key.Length == MaxLength)
            {
                break;
            }
        }

        return key.ToString().TrimEnd();
    }
}
