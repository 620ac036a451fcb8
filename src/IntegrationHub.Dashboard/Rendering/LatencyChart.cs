using System.Globalization;
using System.Net;
using System.Text;
using IntegrationHub.Integrations;

namespace IntegrationHub.Dashboard.Rendering;

/// <summary>Partner latency over time, p50 and p95 as two lines, drawn as inline SVG on the server (as <see cref="VolumeChart"/>).</summary>
public static class LatencyChart
{
    private const int Width = 960;
    private const int Height = 180;
    private const int Left = 52;
    private const int Bottom = 24;
    private const int Top = 8;

    public static string Svg(IReadOnlyList<LatencyPoint> points)
    {
        var max = points.Select(p => p.P95Ms ?? 0).DefaultIfEmpty(0).Max();
        var scale = VolumeChart.AxisTop((long)Math.Ceiling(max));
        var plotWidth = Width - Left - 8;
        var plotHeight = Height - Top - Bottom;
        var slot = points.Count == 0 ? plotWidth : (double)plotWidth / points.Count;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"Partner latency over time\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i <= 4; i++)
        {
            var y = Top + plotHeight - (plotHeight * i / 4.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - 8}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#e3e6ec\" />");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#647084\">{scale * i / 4} ms</text>");
        }

        foreach (var (pick, color, name) in new (Func<LatencyPoint, double?>, string, string)[] { (p => p.P50Ms, "#3aa76d", "p50"), (p => p.P95Ms, "#d9534f", "p95") })
        {
            var line = string.Join(' ', points.Select((p, i) => (p, i)).Where(x => pick(x.p) is not null)
                .Select(x => FormattableString.Invariant($"{Left + (slot * x.i) + (slot / 2):0.#},{Top + plotHeight - (plotHeight * pick(x.p)!.Value / scale):0.#}")));
            if (line.Length > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"{name}\" points=\"{line}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" />");

                // A dot per bucket, so one bucket alone still shows.
                foreach (var point in line.Split(' '))
                {
                    var xy = point.Split(',');
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"3\" fill=\"{color}\" />");
                }
            }
        }

        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var x = Left + (slot * i) + (slot / 2);
            var title = WebUtility.HtmlEncode($"{p.Start.UtcDateTime:HH:mm}: {p.Deliveries} deliveries ended" + (p.P50Ms is { } p50 ? $", p50 {p50:0} ms, p95 {p.P95Ms:0} ms" : ""));
            svg.Append(CultureInfo.InvariantCulture, $"<g data-deliveries=\"{p.Deliveries}\"><title>{title}</title><rect x=\"{x - (slot / 2):0.#}\" y=\"{Top}\" width=\"{slot:0.#}\" height=\"{plotHeight}\" fill=\"transparent\" /></g>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Height - 6}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#647084\">{p.Start.UtcDateTime:HH:mm}</text>");
        }

        return svg.Append("</svg>").ToString();
    }
}
