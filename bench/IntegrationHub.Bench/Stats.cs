namespace IntegrationHub.Bench;

internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    public static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    /// <summary>"median (min-max)" of repetitions.</summary>
    public static string Spread(IReadOnlyList<double> values, string format = "F0") =>
        values.Count == 1 ? values[0].ToString(format) : $"{Median(values).ToString(format)} ({values.Min().ToString(format)}-{values.Max().ToString(format)})";
}
