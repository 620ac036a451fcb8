using System.Globalization;
using System.Text.RegularExpressions;
using IntegrationHub.Configuration;

namespace IntegrationHub.Dashboard.Pages.Integrations;

/// <summary>
/// A list of write-only secrets edited as lines of text. A saved secret shows as
/// <c>******** (saved N)</c>, never as itself; such a line keeps saved secret N wherever it is
/// moved, so a rotation retires the old secret by deleting its line. Any other line is a new secret.
/// </summary>
/// <remarks>
/// The API keeps a mask by its index instead; lines name the secret they keep because deleting a
/// line above would otherwise make a mask keep a different secret than the one it was shown for.
/// </remarks>
public static partial class SecretLines
{
    /// <summary>The lines shown for <paramref name="count"/> saved secrets.</summary>
    public static string Saved(int count) => string.Join('\n', Enumerable.Range(1, count).Select(n => $"{SecretMasker.Masked} (saved {n})"));

    /// <summary>
    /// The secrets the lines describe, saved ones taken from <paramref name="saved"/>; or the line
    /// that names a saved secret that does not exist.
    /// </summary>
    public static (List<string> Secrets, ValidationProblem? Problem) Resolve(string? text, IReadOnlyList<string> saved, string field)
    {
        var secrets = new List<string>();
        var lines = Lines(text);
        for (var i = 0; i < lines.Length; i++)
        {
            var reference = SavedLine().Match(lines[i]);
            if (!reference.Success)
            {
                secrets.Add(lines[i]);
                continue;
            }

            // A bare mask keeps the secret saved at its own position, as in the API.
            var n = reference.Groups[1].Success ? int.Parse(reference.Groups[1].Value, CultureInfo.InvariantCulture) : i + 1;
            if (n < 1 || n > saved.Count)
            {
                return ([], new ValidationProblem(field, $"Line {i + 1} stands for saved secret {n}, which does not exist; enter the secret itself."));
            }

            secrets.Add(saved[n - 1]);
        }

        return (secrets, null);
    }

    /// <summary>Only the lines that stand for saved secrets: what may be shown again after a failed save.</summary>
    public static string WithoutTypedSecrets(string? text) => string.Join('\n', Lines(text).Where(line => SavedLine().IsMatch(line)));

    private static string[] Lines(string? text) => (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"^\*{8}(?:\s*\(saved (\d{1,2})\))?$")]
    private static partial Regex SavedLine();
}
