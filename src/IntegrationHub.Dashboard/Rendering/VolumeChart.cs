using System.Globalization;
using System.Net;
using System.Text;
using IntegrationHub.Logging;

namespace IntegrationHub.Dashboard.Rendering;

/// <summary>
/// A stacked bar chart of deliveries over time (success, failure, queued or retrying), with inbound
/// calls as a line of their own on the same axis, drawn as inline SVG on the server: no script, no
/// chart library, readable without JavaScript. Inbound calls are not stacked into the bars: they
/// almost always succeed, and would hide the deliveries' failure rate. Written by hand because the
/// served .NET chart libraries render images or need a browser runtime.
/// </summary>
public static class VolumeChart
{
    private const int Width = 960;
    private const int Height = 220;
    private const int Left = 44;
    private const int Bottom = 24;
    private const int Top = 8;

    public static string Svg(IReadOnlyList<VolumePoint> points, TimeSpan bucket)
    {
        var max = points.Count == 0 ? 0 : points.Max(p => Math.Max(p.Total, p.Inbound));
        var scale = AxisTop(max);
        var plotWidth = Width - Left - 8;
        var plotHeight = Height - Top - Bottom;
        var slot = points.Count == 0 ? plotWidth : (double)plotWidth / points.Count;
        var barWidth = Math.Max(1, slot * 0.72);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Deliveries over time\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i <= 4; i++)
        {
            var y = Top + plotHeight - plotHeight * i / 4.0;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - 8}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#e3e6ec\" />");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#647084\">{scale * i / 4}</text>");
        }

        var labelEvery = Math.Max(1, points.Count / 8);
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var x = Left + slot * i + (slot - barWidth) / 2;
            var y = (double)(Top + plotHeight);
            var other = p.Total - p.Success - p.Fail;
            var title = WebUtility.HtmlEncode($"{Label(p.Start, bucket)}: {p.Total} deliveries ({p.Success} success, {p.Fail} failed, {other} queued or retrying) · {p.Inbound} inbound calls");
            svg.Append(CultureInfo.InvariantCulture, $"<g data-total=\"{p.Total}\" data-success=\"{p.Success}\" data-fail=\"{p.Fail}\" data-inbound=\"{p.Inbound}\"><title>{title}</title>");
            foreach (var (count, color) in new[] { (p.Success, "#3aa76d"), (p.Fail, "#d9534f"), (other, "#e7b34a") })
            {
                if (count <= 0)
                {
                    continue;
                }

                var h = plotHeight * (double)count / scale;
                y -= h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{barWidth:0.##}\" height=\"{h:0.##}\" fill=\"{color}\" />");
            }

            svg.Append("</g>");
            if (i % labelEvery == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + barWidth / 2:0.#}\" y=\"{Height - 6}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#647084\">{WebUtility.HtmlEncode(Label(p.Start, bucket))}</text>");
            }
        }

        if (points.Any(p => p.Inbound > 0))
        {
            var line = string.Join(' ', points.Select((p, i) => FormattableString.Invariant($"{Left + (slot * i) + (slot / 2):0.#},{Top + plotHeight - (plotHeight * (double)p.Inbound / scale):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"inbound\" points=\"{line}\" fill=\"none\" stroke=\"#4a78c2\" stroke-width=\"2\" />");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Label(DateTimeOffset start, TimeSpan bucket) =>
        start.UtcDateTime.ToString(bucket >= TimeSpan.FromDays(1) ? "MMM d" : bucket >= TimeSpan.FromHours(6) ? "MMM d HH:mm" : "HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// The top of the y-axis: four gridline steps of a round size (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 or
    /// 8 times a power of ten, whole numbers only) that just hold <paramref name="max"/>, so the tallest
    /// bar fills more than half the chart (555 gets 600, not 1000).
    /// </summary>
    public static long AxisTop(long max)
    {
        if (max <= 4)
        {
            return 4;
        }

        var least = (max + 3) / 4;
        for (var magnitude = 1L; ; magnitude *= 10)
        {
            foreach (var tenths in new long[] { 10, 15, 20, 25, 30, 40, 50, 60, 75, 80 })
            {
                if (tenths * magnitude % 10 == 0 && tenths * magnitude / 10 >= least)
                {
                    return 4 * (tenths * magnitude / 10);
                }
            }
        }
    }
}
