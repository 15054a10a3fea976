using System.Globalization;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;

namespace Analysis.Application.Sessions.Queries.GetSessionReport;

/// <summary>
/// Charts for the report as inline SVG — no script, no font or image to fetch, so the page prints and archives as it
/// is: each group's mean with ±1 SD (t-tests, ANOVA), each column's five-number summary (descriptive).
/// </summary>
public static class ReportCharts
{
    private const int Width = 520;
    private const int RowHeight = 28;
    private const int LabelWidth = 140;
    private const int Margin = 16;
    private const int AxisHeight = 24;

    private static readonly string[] FiveNumbers = ["min", "q1", "median", "q3", "max"];

    public static string? Of(JsonObject result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result["groups"] is JsonArray groups && groups.Count > 0 && groups.All(g => g?["mean"] is JsonValue && g["std"] is JsonValue))
        {
            var rows = groups.Select(g => (Name: g!["name"]!.GetValue<string>(), Mean: g["mean"]!.GetValue<double>(), Sd: g["std"]!.GetValue<double>())).ToList();
            return Rows(
                "Each group's mean (dot) with one standard deviation either side (line)",
                rows.Select(g => (g.Name, new[] { g.Mean - g.Sd, g.Mean, g.Mean + g.Sd })).ToList(),
                (svg, x, y, v) => svg.Append(Line(x(v[0]), y, x(v[2]), y)).Append(Circle(x(v[1]), y)));
        }

        if (result["type"]?.GetValue<string>() == "descriptive" && result["columns"] is JsonObject columns && columns.Count > 0)
        {
            // Each column on its own scale: their units differ.
            var rows = columns.Select(c => (c.Key, FiveNumbers.Select(f => c.Value?[f]?.GetValue<double>() ?? double.NaN).ToArray())).ToList();
            return Rows(
                "Each column's minimum, quartiles, median and maximum, each on its own scale",
                rows, (svg, x, y, v) => svg
                    .Append(Line(x(v[0]), y, x(v[1]), y)).Append(Line(x(v[3]), y, x(v[4]), y))
                    .Append(CultureInfo.InvariantCulture, $"<rect x=\"{x(v[1]):0.#}\" y=\"{y - 8}\" width=\"{Math.Max(1, x(v[3]) - x(v[1])):0.#}\" height=\"16\" fill=\"#dbe7f3\" stroke=\"#1f4e79\"/>")
                    .Append(Line(x(v[2]), y - 8, x(v[2]), y + 8)),
                ownScale: true);
        }

        return null;
    }

    private delegate void Mark(StringBuilder svg, Func<double, double> x, int y, double[] values);

    private static string? Rows(string label, IReadOnlyList<(string Name, double[] Values)> rows, Mark mark, bool ownScale = false)
    {
        var finite = rows.SelectMany(r => r.Values).Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return null;
        }

        var height = (rows.Count * RowHeight) + (2 * Margin) + (ownScale ? 0 : AxisHeight);
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"<svg role=\"img\" aria-label=\"{Escape(label)}\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(label)}</title>");
        for (var i = 0; i < rows.Count; i++)
        {
            var values = rows[i].Values;
            var scale = ownScale ? values.Where(double.IsFinite).ToList() : finite;
            if (scale.Count == 0)
            {
                continue;
            }

            var (low, high) = (scale.Min(), scale.Max());
            var span = high > low ? high - low : 1;
            double X(double v) => LabelWidth + ((Width - LabelWidth - Margin) * (v - low) / span);
            var y = Margin + (i * RowHeight) + (RowHeight / 2);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 4}\" text-anchor=\"end\" font-size=\"12\" font-family=\"sans-serif\">{Escape(rows[i].Name)}</text>");
            mark(svg, X, y, values);
        }

        if (!ownScale)
        {
            // One scale for every row: its ends, under them.
            var (low, high) = (finite.Min(), finite.Max());
            var y = Margin + (rows.Count * RowHeight) + 4;
            svg.Append(Line(LabelWidth, y, Width - Margin, y))
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth}\" y=\"{y + 16}\" font-size=\"11\" font-family=\"sans-serif\">{Escape(Format.Stat(low).Replace('-', '\u2212'))}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Margin}\" y=\"{y + 16}\" text-anchor=\"end\" font-size=\"11\" font-family=\"sans-serif\">{Escape(Format.Stat(high).Replace('-', '\u2212'))}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Line(double x1, double y1, double x2, double y2) =>
        string.Create(CultureInfo.InvariantCulture, $"<line x1=\"{x1:0.#}\" y1=\"{y1}\" x2=\"{x2:0.#}\" y2=\"{y2}\" stroke=\"#1f4e79\" stroke-width=\"2\"/>");

    private static string Circle(double x, double y) =>
        string.Create(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{y}\" r=\"5\" fill=\"#1f4e79\"/>");

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
