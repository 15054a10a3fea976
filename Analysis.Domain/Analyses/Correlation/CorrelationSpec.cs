using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.Correlation;

/// <summary>
/// A correlation matrix; <see cref="PAdjust"/> corrects its pairs' p-values as one family; <see cref="Use"/> says
/// whether each pair takes the rows complete in every column or in its own two.
/// </summary>
public sealed record CorrelationSpec(
    IReadOnlyList<string> Columns, CorrelationMethod Method, PAdjustMethod PAdjust = PAdjustMethod.None, CorrelationUse Use = CorrelationUse.Complete) : AnalysisSpec
{
    public override string Type => CorrelationType.TypeName;

    public override IReadOnlyList<string> ColumnsUsed => Columns;

    public override string Title => $"correlation ({MethodName}) of {string.Join(", ", Columns)}";

    public string MethodName => Method switch
    {
        CorrelationMethod.Spearman => "spearman",
        CorrelationMethod.Kendall => "kendall",
        _ => "pearson",
    };

    public override PlanEntry ToEntry() =>
        PlanEntry.Of(Type, ("columns", Columns.ToArray()), ("method", MethodName), ("pAdjust", Statistics.PAdjust.Name(PAdjust)), ("use", UseName));

    public string UseName => Use == CorrelationUse.Pairwise ? "pairwise" : "complete";

    /// <summary>Pairwise, a row is left out only when it has no pair of values (fewer than two of the columns).</summary>
    public override int CountExcluded(Dataset data)
    {
        if (Use == CorrelationUse.Complete)
        {
            return base.CountExcluded(data);
        }

        ArgumentNullException.ThrowIfNull(data);
        var columns = Columns.Select(c => (NumericColumn)data.Find(c)!).Where(c => c.MissingCount > 0).Select(c => c.Values).ToArray();
        var complete = Columns.Count - columns.Length;
        if (complete >= 2)
        {
            return 0; // every row has the pair of two columns with no missing value
        }

        var present = new byte[data.RowCount];
        foreach (var values in columns)
        {
            for (var r = 0; r < values.Length; r++)
            {
                present[r] += double.IsNaN(values[r]) || present[r] == 2 ? (byte)0 : (byte)1; // counted to 2, enough
            }
        }

        var excluded = 0;
        foreach (var count in present)
        {
            excluded += count + complete < 2 ? 1 : 0;
        }

        return excluded;
    }

    public override void CheckData(Dataset data, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
        if (Columns.Count < 2)
        {
            fail("columns", $"A correlation needs at least 2 numeric columns; the dataset has {Columns.Count}.");
        }

        DataChecks.Numeric(data, Columns, "columns", fail);
    }

    /// <summary>
    /// Two k×k matrices (coefficients, p-values). Pearson: a cross-product per pair and row; Spearman: that and a
    /// ranking of each column; Kendall: a sort-based count per pair of columns (Knight's algorithm), the costliest.
    /// </summary>
    public override AnalysisCost Cost(DatasetSchema schema)
    {
        double k = Columns.Count, n = schema.Rows, pairs = k * (k - 1) / 2;
        var work = Method switch
        {
            CorrelationMethod.Kendall => 15 * pairs * AnalysisCost.SortOf(n),
            CorrelationMethod.Spearman when Use == CorrelationUse.Pairwise => pairs * ((30 * AnalysisCost.SortOf(n)) + (6 * n)),
            CorrelationMethod.Spearman => (15 * k * AnalysisCost.SortOf(n)) + ((pairs + k) * n),
            _ when Use == CorrelationUse.Pairwise => pairs * 6 * n, // each pair's rows picked out, then its two columns
            _ => (pairs + k) * n,
        };
        return new(AnalysisCost.Json(2 * k * k, Columns), work);
    }

    public override string CheaperAlternative => Method == CorrelationMethod.Kendall
        ? "use \"method\": \"spearman\" (a ranking per column instead of a count per pair of columns), or name fewer columns"
        : "name fewer columns";

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        CorrelationAnalysis.Run(this, data, cancellationToken);

    /// <summary>R: which columns are constant in the rows of <paramref name="rows"/> (their own values, missing ones aside).</summary>
    private static string Constant(string rows) => $"vapply({rows}, function(v) length(unique(na.omit(v))) < 2, logical(1))";

    /// <summary>
    /// R: each pair's p-value from cor.test on <paramref name="rows"/> (cor.test takes a pair's complete rows); 0 on the
    /// diagonal, undefined for a constant column or a pair of fewer than 3 rows.
    /// </summary>
    private static string PValues(string method, string rows) =>
        $"local({{ x <- {rows}; k <- {Constant("x")}; outer(seq_along(x), seq_along(x), Vectorize(function(i, j) if (k[i] || k[j]) NA else if (i == j) 0 else " +
        $"tryCatch(suppressWarnings(cor.test(x[[i]], x[[j]], method = {method}))$p.value, error = function(e) NA))) }})";

    public override RCode? ToR()
    {
        var method = Str(Method.ToString().ToLowerInvariant());
        var pairwise = Use == CorrelationUse.Pairwise;
        var rows = pairwise ? $"d[{Strs(Columns)}]" : "x";
        return new RCode(
            $"cor(d[{Strs(Columns)}], use = {(pairwise ? "\"pairwise.complete.obs\"" : "\"complete.obs\"")}, method = {method})",
            [
                // A constant column has no correlation, not even with itself: the service gives null there, where
                // R's cor writes 1 on the diagonal; pairwise, nor has a pair of fewer than 3 rows (R gives ±1 for 2).
                new("coefficients",
                    $"local({{ m <- res; k <- {Constant(rows)}; m[k, ] <- NA; m[, k] <- NA; " +
                    (pairwise ? $"m[crossprod(!is.na(as.matrix({rows}))) < 3] <- NA; " : string.Empty) + "t(m) })",
                    [new RPath("matrix", RPath.Each, RPath.Each)]),
                new($"p-values (cor.test on each pair of the {(pairwise ? "rows complete in the pair" : "complete rows")})", PValues(method, rows),
                    [new RPath("pValues", RPath.Each, RPath.Each)]),
                .. Method == CorrelationMethod.Pearson ? new[]
                {
                    new RCheck("confidence intervals (cor.test on each pair's rows)",
                        $"local({{ x <- {rows}; p <- length(x); out <- c(); for (i in seq_len(p)) for (j in seq_len(p)) out <- c(out, if (i == j) c(NA, NA) else " +
                        "tryCatch(suppressWarnings(cor.test(x[[i]], x[[j]]))$conf.int[1:2], error = function(e) c(NA, NA))); out })",
                        [new RPath("confidenceIntervals", RPath.Each, RPath.Each, RPath.Each)]),
                } : [],
                .. pairwise ? new[] { new RCheck("rows of each pair", $"crossprod(!is.na(as.matrix({rows})))", [new RPath("nMatrix", RPath.Each, RPath.Each)]) } : [],
                .. PAdjust == PAdjustMethod.None ? [] : new[]
                {
                    new RCheck($"p-values adjusted ({Statistics.PAdjust.Name(PAdjust)}, the pairs as one family)",
                        $"local({{ P <- {PValues(method, rows)}; " +
                        $"u <- upper.tri(P); P[u] <- p.adjust(P[u], method = {Str(Statistics.PAdjust.Name(PAdjust))}); P[lower.tri(P)] <- t(P)[lower.tri(P)]; P }})",
                        [new RPath("pValuesAdjusted", RPath.Each, RPath.Each)]),
                },
            ]);
    }
}
