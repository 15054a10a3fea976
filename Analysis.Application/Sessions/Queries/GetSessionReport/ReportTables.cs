using System.Globalization;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace Analysis.Application.Sessions.Queries.GetSessionReport;

/// <summary>
/// A result's numbers as APA-style tables, read from the result as stored, so that every type is shown alike and a
/// type added later needs nothing here: its single numbers in one table; each list of records (groups, coefficients,
/// comparisons) in a table of its own; a record per column (descriptive, Shapiro–Wilk) by column; each matrix
/// (coefficients, p-values, observed and expected counts) with its row and column names.
/// </summary>
public static partial class ReportTables
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["n"] = "N", ["nExcluded"] = "Rows left out (missing)", ["statistic"] = "Statistic", ["df"] = "df", ["pValue"] = "p",
        ["confidenceInterval"] = "Confidence interval", ["confidenceLevel"] = "Confidence level", ["estimate"] = "Estimate",
        ["cohensD"] = "Cohen's d", ["etaSquared"] = "η²", ["fStatistic"] = "F", ["dfBetween"] = "df (between)", ["dfWithin"] = "df (within)",
        ["sumSquaresBetween"] = "Sum of squares (between)", ["sumSquaresWithin"] = "Sum of squares (within)", ["stdError"] = "SE",
        ["tStatistic"] = "t", ["zStatistic"] = "z", ["rSquared"] = "R²", ["adjustedRSquared"] = "Adjusted R²", ["fPValue"] = "p (F)",
        ["residualStdError"] = "Residual SE", ["dfResidual"] = "df (residual)", ["dfNull"] = "df (null)", ["deviance"] = "Deviance",
        ["nullDeviance"] = "Null deviance", ["aic"] = "AIC", ["mu"] = "μ", ["std"] = "SD", ["mean"] = "M", ["median"] = "Mdn",
        ["meanRank"] = "Mean rank", ["count"] = "n", ["missing"] = "Missing", ["min"] = "Min", ["q1"] = "Q1", ["q3"] = "Q3",
        ["max"] = "Max", ["rankBiserial"] = "Rank-biserial r", ["difference"] = "Difference", ["oddsRatio"] = "Odds ratio",
        ["zeros"] = "Zero differences", ["term"] = "Term", ["name"] = "Group", ["groups"] = "Groups", ["matrix"] = "Coefficients",
        ["pValues"] = "p-values", ["observed"] = "Observed counts", ["expected"] = "Expected counts", ["coefficients"] = "Coefficients",
        ["comparisons"] = "Comparisons", ["columns"] = "By column", ["effectSizes"] = "Effect sizes", ["alternative"] = "Interval",
        ["oddsRatioInterval"] = "Odds ratio CI", ["confidenceIntervals"] = "95% confidence intervals", ["nMatrix"] = "Rows of each pair",
        ["pValueAdjusted"] = "p (adjusted)", ["pValuesAdjusted"] = "p-values (adjusted)", ["pooledSd"] = "Pooled SD",
    };

    public static IReadOnlyList<ReportTable> Of(string title, JsonObject result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var tables = new List<ReportTable>();
        var single = result.Where(p => p.Key is not ("r" or "type") && ((p.Value is JsonValue v && IsNumber(v)) || (p.Value is JsonArray a && a.All(x => x is JsonValue y && IsNumber(y)))))
            .Select(p => (IReadOnlyList<string>)[Label(p.Key), Cell(p.Key, p.Value)]).ToList();
        if (single.Count > 0)
        {
            tables.Add(new ReportTable($"{title}: statistics", ["Statistic", "Value"], single));
        }

        foreach (var (key, value) in result)
        {
            switch (value)
            {
                case JsonArray rows when rows.Count > 0 && rows.All(x => x is JsonObject):
                    var keys = rows.SelectMany(x => x!.AsObject().Select(p => p.Key)).Distinct().ToList();
                    tables.Add(new ReportTable($"{title}: {Label(key).ToLowerInvariant()}", [.. keys.Select(k => key == "effectSizes" && k == "name" ? "Measure" : Label(k))],
                        [.. rows.Select(x => (IReadOnlyList<string>)[.. keys.Select(k => Cell(k, x![k]))])]));
                    break;
                case JsonArray matrix when matrix.Count > 0 && matrix.All(x => x is JsonArray):
                    var table = key is "observed" or "expected";
                    var columns = Names(result, table ? "columnLevels" : "columns");
                    var rowNames = Names(result, table ? "rowLevels" : "columns");
                    tables.Add(new ReportTable($"{title}: {Label(key).ToLowerInvariant()}", ["", .. columns],
                        [.. matrix.Select((row, i) => (IReadOnlyList<string>)[
                            i < rowNames.Count ? rowNames[i] : string.Empty,
                            // A p-value's diagonal (a column against itself) is a convention, not a test: left blank.
                            .. row!.AsArray().Select((c, j) => key.StartsWith("pValue", StringComparison.Ordinal) && i == j ? "—" : Cell(key, c))])]));
                    break;
                case JsonObject checks when key == "checks":
                    // The assumption checks: each Shapiro–Wilk test and Levene's, titled by their reading.
                    var tests = checks["normality"] is JsonArray normality
                        ? normality.Select(t => (IReadOnlyList<string>)[
                            $"Shapiro-Wilk W ({t?["group"]?.GetValue<string>() ?? "residuals"})", Cell("n", t?["n"]), Cell("statistic", t?["statistic"]),
                            Cell("pValue", t?["pValue"]), t?["note"]?.GetValue<string>() ?? string.Empty]).ToList()
                        : [];
                    if (checks["equalVariance"] is JsonObject levene)
                    {
                        tests.Add([$"Levene (median) F ({levene["groups"]?.GetValue<string>()})", string.Empty, Cell("fStatistic", levene["fStatistic"]),
                            Cell("pValue", levene["pValue"]), $"df {Cell("dfBetween", levene["dfBetween"])}, {Cell("dfWithin", levene["dfWithin"])}"]);
                    }

                    tables.Add(new ReportTable($"{title}: assumption checks — {checks["reading"]?.GetValue<string>()}", ["Check", "n", "Statistic", "p", "Note"], tests));
                    break;
                case JsonObject byColumn when byColumn.Count > 0 && byColumn.All(p => p.Value is JsonObject):
                    var fields = byColumn.SelectMany(p => p.Value!.AsObject().Select(f => f.Key)).Distinct().ToList();
                    tables.Add(new ReportTable($"{title}: {Label(key).ToLowerInvariant()}", ["Column", .. fields.Select(Label)],
                        [.. byColumn.Select(p => (IReadOnlyList<string>)[p.Key, .. fields.Select(f => Cell(f, p.Value![f]))])]));
                    break;
            }
        }

        return tables;
    }

    /// <summary>A cell: a p-value as APA writes it, a whole number as it is, another to four significant digits; a list in brackets.</summary>
    public static string Cell(string key, JsonNode? node) => node switch
    {
        null => "—",
        JsonArray array when array.All(x => x is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String) =>
            string.Join(" vs ", array.Select(x => x!.GetValue<string>())),
        JsonArray array => $"[{string.Join(", ", array.Select(x => Cell(key, x)))}]",
        JsonValue value when value.TryGetValue<double>(out var number) => Number(key, number),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static string Number(string key, double value)
    {
        if (key.StartsWith("pValue", StringComparison.Ordinal) || key == "fPValue")
        {
            return value < 0.001 ? "< .001" : Apa.P(value)[4..];
        }

        return value == Math.Round(value) && Math.Abs(value) < 1e15
            ? value.ToString("0", CultureInfo.InvariantCulture).Replace('-', '\u2212')
            : Format.Significant(value, 4).Replace('-', '\u2212');
    }

    private static bool IsNumber(JsonValue value) => value.GetValueKind() == System.Text.Json.JsonValueKind.Number;

    private static List<string> Names(JsonObject result, string key) =>
        result[key] is JsonArray names ? [.. names.Select(n => n?.GetValue<string>() ?? string.Empty)] : [];

    /// <summary>A field's name for a table (<c>pValue</c> → <c>p</c>), else its words (<c>someField</c> → <c>Some field</c>).</summary>
    public static string Label(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Labels.TryGetValue(key, out var label))
        {
            return label;
        }

        var words = Words().Replace(key, " $1").ToLowerInvariant();
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("([A-Z])")]
    private static partial Regex Words();
}
