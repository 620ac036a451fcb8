namespace IntegrationHub.Server;

/// <summary>The known key an unknown one most likely meant: a few typing mistakes away, compared without case, or the same name in another section.</summary>
internal static class KeySuggestions
{
    public static string? Closest(string key, IEnumerable<string> settings, IEnumerable<string> lists)
    {
        var segments = key.Split(':');
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var setting in settings)
        {
            Consider(setting, key, setting);
        }

        // Under a list or dictionary the trailing segments are indexes or names: compare the list's
        // own segments and keep the rest (Destinations:Alow:0 means Destinations:Allow:0).
        foreach (var list in lists)
        {
            var length = list.Split(':').Length;
            if (segments.Length >= length)
            {
                Consider(list, string.Join(':', segments[..length]), string.Join(':', [list, .. segments[length..]]));
            }
        }

        // A key set in the wrong section (or in the section it had before it moved) names the one
        // known key that ends the same way.
        if (best is null && settings.Where(s => SameLastSegment(s, segments[^1])).Take(2).ToList() is [var moved])
        {
            best = moved;
        }

        return best;

        static bool SameLastSegment(string setting, string last) =>
            setting.EndsWith(":" + last, StringComparison.OrdinalIgnoreCase);

        void Consider(string candidate, string typed, string suggestion)
        {
            var distance = Distance(candidate.ToUpperInvariant(), typed.ToUpperInvariant());
            var allowed = Math.Clamp((candidate.Length - ConfigurationKeys.Root.Length) / 4, 1, 3);
            if (distance > 0 && distance <= allowed && distance < bestDistance)
            {
                (best, bestDistance) = (suggestion, distance);
            }
        }
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
