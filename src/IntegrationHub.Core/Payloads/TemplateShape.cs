namespace IntegrationHub.Payloads;

/// <summary>
/// Checks a template's source before the parser sees it: the parser and the renderer recurse once
/// per nested block, bracket, filter or operator, and a few thousand of them overflow the stack,
/// which ends the process (no exception can catch it). A plain scan, not a parser: quoted strings
/// are skipped, and its counts are upper bounds of what the parser would nest.
/// </summary>
/// <remarks>Written here because Fluid (2.41) has no bound on parse depth.</remarks>
internal static class TemplateShape
{
    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "if", "unless", "case", "for", "tablerow", "capture", "ifchanged", "macro", "paginate", "form",
    };

    private static readonly string[] WordOperators = ["and", "or", "contains"];

    /// <summary>The problem with <paramref name="source"/>'s shape, or null when it is within the limits.</summary>
    public static string? Check(string source, TemplateLimits limits)
    {
        if (source.Length > limits.MaxLength)
        {
            return $"the template has more than {limits.MaxLength} characters (IntegrationHub:Templates:MaxLength)";
        }

        var depth = 0;
        var i = 0;
        while ((i = NextTag(source, i)) >= 0)
        {
            var isOutput = source[i + 1] == '{';
            var end = TagEnd(source, i + 2, isOutput ? '}' : '%', limits, out var problem);
            if (problem is not null)
            {
                return problem;
            }

            var inner = source.AsSpan(i + 2, end - i - 2).Trim("- \t\r\n").ToString();
            i = end + 2;
            if (isOutput)
            {
                continue;
            }

            // A {% liquid %} tag holds one statement per line, blocks included.
            var statements = FirstWord(inner) == "liquid" ? inner.Split('\n').Skip(1) : [inner];
            foreach (var statement in statements)
            {
                var word = FirstWord(statement.Trim());
                if (Blocks.Contains(word) && ++depth > limits.MaxNesting)
                {
                    return $"blocks are nested more than {limits.MaxNesting} deep (IntegrationHub:Templates:MaxNesting)";
                }

                if (word.StartsWith("end", StringComparison.Ordinal) && word.Length > 3)
                {
                    depth = Math.Max(0, depth - 1);
                }

                // A raw block's or a comment's content is text, not tags: skipped, its end tag included.
                if (word is "raw" or "comment" && source.IndexOf("end" + word, i, StringComparison.Ordinal) is var close and >= 0)
                {
                    i = close;
                }
            }
        }

        return null;
    }

    private static int NextTag(string source, int from)
    {
        if (from >= source.Length)
        {
            return -1;
        }

        var at = source.IndexOf('{', from);
        while (at >= 0 && at + 1 < source.Length && source[at + 1] is not ('{' or '%'))
        {
            at = source.IndexOf('{', at + 1);
        }

        return at >= 0 && at + 1 < source.Length ? at : -1;
    }

    // The index of the closing "}}" or "%}", counting brackets, filters and operators on the way.
    private static int TagEnd(string source, int from, char closer, TemplateLimits limits, out string? problem)
    {
        problem = null;
        var brackets = 0;
        var chain = 0;
        var quote = '\0';
        for (var j = from; j < source.Length - 1; j++)
        {
            var c = source[j];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                continue;
            }

            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    continue;
                case '(' or '[' when ++brackets > limits.MaxNesting:
                    problem = $"brackets are nested more than {limits.MaxNesting} deep in one tag (IntegrationHub:Templates:MaxNesting)";
                    return j;
                case ')' or ']':
                    brackets = Math.Max(0, brackets - 1);
                    continue;
                case '|' or '<' or '>' or '=' or '!' when IsOperatorStart(source, j):
                    chain++;
                    break;
                case var letter when char.IsLetter(letter) && (j == 0 || !char.IsLetterOrDigit(source[j - 1])) && StartsOperatorWord(source, j):
                    chain++;
                    break;
            }

            if (chain > limits.MaxChain)
            {
                problem = $"one tag chains more than {limits.MaxChain} filters and operators (IntegrationHub:Templates:MaxChain)";
                return j;
            }

            if (c == closer && source[j + 1] == '}')
            {
                return j;
            }
        }

        return source.Length;
    }

    // "==", "!=", "<=", ">=", "<>", "<", ">" and "|" count once: only their first character starts one.
    private static bool IsOperatorStart(string source, int j) =>
        source[j] == '|' || j == 0 || source[j - 1] is not ('<' or '>' or '=' or '!');

    private static bool StartsOperatorWord(string source, int j)
    {
        foreach (var word in WordOperators)
        {
            var after = j + word.Length;
            if (string.CompareOrdinal(source, j, word, 0, word.Length) == 0 && (after >= source.Length || !char.IsLetterOrDigit(source[after])))
            {
                return true;
            }
        }

        return false;
    }

    private static string FirstWord(string text)
    {
        var end = 0;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return text[..end];
    }
}
