using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace IntegrationHub.Dashboard.Rendering;

/// <summary>A line diff between two pretty-printed payloads (DiffPlex), for the log detail page.</summary>
public static class PayloadDiff
{
    public sealed record Line(string Kind, string Text);

    public static IReadOnlyList<Line> Lines(string before, string after)
    {
        var model = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false);
        return [.. model.Lines.Select(l => new Line(l.Type switch
        {
            ChangeType.Inserted => "ins",
            ChangeType.Deleted => "del",
            _ => "same",
        }, l.Text))];
    }

    public static bool Same(string before, string after) => string.Equals(before, after, StringComparison.Ordinal);
}
