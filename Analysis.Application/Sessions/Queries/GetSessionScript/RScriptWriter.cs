using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Analysis.Application.Sessions.Queries.GetSessionScript;

/// <summary>
/// Writes a completed session as a self-checking base-R script (docs/api.md, "Check our numbers with R"): it reads the
/// dataset's CSV as the service reads it, runs each analysis's <see cref="RCode.Call"/>, prints it, and compares every
/// number the service reported with R's (<see cref="RCode.Checks"/>), each to <c>all.equal</c>'s tolerance of 1e-6
/// unless the check says why not. It ends printing <c>All N numbers agree with the service</c> (exit 0), or at the
/// first number that differs, printing both (exit 1).
/// </summary>
public static class RScriptWriter
{
    public static string Write(CompletedSession completed, string scriptFileName)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var (session, dataset, specs) = (completed.Session, completed.Dataset, completed.Specs);
        var results = JsonNode.Parse(completed.ResultsJson) as JsonArray ?? throw new InvalidOperationException("A session's results are a JSON array.");
        var r = new StringBuilder();
        Header(r, session, dataset, scriptFileName, completed.CsvFileName);
        for (var i = 0; i < specs.Count; i++)
        {
            Analysis(r, i + 1, session.Plan[i], specs[i], results.Count > i ? results[i] as JsonObject : null);
        }

        r.AppendLine("cat(sprintf(\"All %d numbers agree with the service\\n\", checked))");
        return r.ToString();
    }

    private static void Header(StringBuilder r, AnalysisSession session, StoredDataset dataset, string scriptFileName, string csvFileName)
    {
        var columns = session.Dataset.Columns;
        r.AppendLine(CultureInfo.InvariantCulture, $"# Analysis session {session.Id}{(session.Name is { } name ? $" \"{OneLine(name)}\"" : string.Empty)}");
        r.AppendLine(CultureInfo.InvariantCulture, $"# computed by Analysis {ServiceVersion.Current}, completed {session.CompletedAt?.ToString("u", CultureInfo.InvariantCulture)}");
        r.AppendLine(CultureInfo.InvariantCulture, $"# on dataset {dataset.Id}{(dataset.Name is { } d ? $" \"{OneLine(d)}\"" : string.Empty)}: {session.Dataset.Rows} rows, {columns.Count} columns{(dataset.Sha256 is { } sha ? $", SHA-256 {sha}" : string.Empty)}");
        r.AppendLine("#");
        r.AppendLine(CultureInfo.InvariantCulture, $"# Base R and stats only (R 4.1 or later). Run it with the dataset's CSV (GET /api/datasets/{dataset.Id}/csv):");
        r.AppendLine(CultureInfo.InvariantCulture, $"#   Rscript \"{scriptFileName}\" \"{csvFileName}\"");
        r.AppendLine("# (without the argument it reads that file beside the script). It runs each analysis, prints it as R prints it, and");
        r.AppendLine("# compares every number the service reported with all.equal(..., tolerance = 1e-6) -- a looser tolerance only where");
        r.AppendLine("# R's own algorithm is less accurate, said beside it. All agree: it says so and exits 0; else it names the first");
        r.AppendLine("# number that differs, with both values, and exits 1.");
        r.AppendLine();
        r.AppendLine("args <- commandArgs(trailingOnly = TRUE)");
        r.AppendLine("self <- sub(\"^--file=\", \"\", grep(\"^--file=\", commandArgs(FALSE), value = TRUE))");
        r.AppendLine(CultureInfo.InvariantCulture, $"path <- if (length(args) >= 1) args[1] else file.path(if (length(self) == 1) dirname(self) else \".\", {RText.Str(csvFileName)})");
        r.AppendLine("# Levels sort by their characters' codes, as the service sorts them, whatever the locale.");
        r.AppendLine("invisible(Sys.setlocale(\"LC_COLLATE\", \"C\"))");
        r.AppendLine("# The CSV writes a missing value as an empty cell; text columns stay text (their levels exactly as written).");
        r.Append("d <- read.csv(path, check.names = FALSE, na.strings = \"\", strip.white = FALSE, encoding = \"UTF-8\", colClasses = c(");
        r.AppendJoin(", ", columns.Select(c => $"{RText.Str(c.Name)} = {(c.Type == ColumnType.Numeric ? "\"numeric\"" : "\"character\"")}"));
        r.AppendLine("))");
        r.AppendLine(CultureInfo.InvariantCulture, $"stopifnot(nrow(d) == {session.Dataset.Rows}, ncol(d) == {columns.Count})");
        r.AppendLine();
        r.AppendLine("checked <- 0L");
        r.AppendLine("check <- function(what, r, service, tolerance = 1e-6, absolute_below = 0, absolute_tolerance = 0) {");
        r.AppendLine("  r <- suppressWarnings(as.numeric(unlist(r, use.names = FALSE)))");
        r.AppendLine("  r[!is.finite(r)] <- NA  # the service writes a number that is not finite as null");
        r.AppendLine("  if (length(r) == 0 && all(is.na(service))) return(invisible(TRUE))  # R has none where the service has null");
        r.AppendLine("  agree <- function(a, b) if (is.na(a) || is.na(b)) is.na(a) && is.na(b) else");
        r.AppendLine("    if (abs(a) < absolute_below) abs(a - b) <= absolute_tolerance else isTRUE(all.equal(a, b, tolerance = tolerance))");
        r.AppendLine("  for (i in seq_len(max(length(r), length(service)))) {");
        r.AppendLine("    if (i > length(r) || i > length(service) || !agree(r[i], service[i])) {");
        r.AppendLine("      cat(sprintf(\"Differs: %s, number %d of %d\\n  R gives:       %s\\n  service gives: %s\\n\", what, i, length(service),");
        r.AppendLine("        if (i > length(r)) \"(nothing)\" else format(r[i], digits = 17), if (i > length(service)) \"(nothing)\" else format(service[i], digits = 17)))");
        r.AppendLine("      quit(save = \"no\", status = 1)");
        r.AppendLine("    }");
        r.AppendLine("  }");
        r.AppendLine("  checked <<- checked + length(service)");
        r.AppendLine("  invisible(TRUE)");
        r.AppendLine("}");
        r.AppendLine();
    }

    private static void Analysis(StringBuilder r, int number, PlanEntry entry, AnalysisSpec? spec, JsonObject? result)
    {
        var code = spec?.ToR();
        var title = $"{number}. {spec?.Title ?? entry.Type}";
        r.AppendLine(CultureInfo.InvariantCulture, $"## {OneLine(title)}");
        if (result?["error"] is not null || result is null || spec is null || code is null)
        {
            var why = result?["error"] is { } error
                ? $"The service could not compute this one: {OneLine(error.GetValue<string>())}"
                : $"Not in base R: {(spec is null ? "a type this version of the service does not know" : "base R has no equivalent")}.";
            r.Append("# ").AppendLine(why);
            if (code is not null)
            {
                r.AppendLine(CultureInfo.InvariantCulture, $"# {OneLine(code.Call)}");
            }

            r.AppendLine();
            return;
        }

        r.AppendLine(CultureInfo.InvariantCulture, $"cat({RText.Str($"\n{title}\n")})");
        r.AppendLine(CultureInfo.InvariantCulture, $"res <- {code.Call}");
        r.AppendLine("print(res)");
        r.AppendLine(CultureInfo.InvariantCulture, $"x <- na.omit(d[{RText.Strs(spec.ColumnsUsed.Distinct())}])  # the rows the analysis used");
        foreach (var check in code.Checks)
        {
            var values = check.Paths.SelectMany(p => Resolve(result, p.Segments, 0)).ToList();
            if (check.Reason is { } reason)
            {
                r.AppendLine(CultureInfo.InvariantCulture, $"# {OneLine(reason)}.");
            }

            r.Append(CultureInfo.InvariantCulture, $"check({RText.Str($"{number}. {spec.Title}: {check.Label}")}, {check.Expression}, c({string.Join(", ", values.Select(RText.Num))})");
            if (check.Tolerance != RCheck.DefaultTolerance)
            {
                r.Append(CultureInfo.InvariantCulture, $", tolerance = {RText.Num(check.Tolerance)}");
            }

            if (check.AbsoluteBelow is { } below)
            {
                r.Append(CultureInfo.InvariantCulture, $", absolute_below = {RText.Num(below)}, absolute_tolerance = {RText.Num(check.AbsoluteTolerance ?? 0)}");
            }

            r.AppendLine(")");
        }

        r.AppendLine();
    }

    /// <summary>
    /// The numbers at a path of the result's JSON (a missing member or a null as null; an array at the end of the path,
    /// every number in it, row by row).
    /// </summary>
    private static IEnumerable<double?> Resolve(JsonNode? node, IReadOnlyList<string> path, int at)
    {
        if (at == path.Count)
        {
            return node switch
            {
                JsonArray array => array.SelectMany(item => Resolve(item, path, at)),
                JsonValue value when value.TryGetValue<double>(out var number) => [number],
                _ => [null],
            };
        }

        if (path[at] == RPath.Each)
        {
            return node is JsonArray array ? array.SelectMany(item => Resolve(item, path, at + 1)) : [];
        }

        return Resolve(node is JsonObject o ? o[path[at]] : null, path, at + 1);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
