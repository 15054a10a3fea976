using static Analysis.Domain.Analyses.RText;

namespace Analysis.Domain.Analyses.Correlation;

/// <summary>A correlation matrix; <see cref="PAdjust"/> corrects its pairs' p-values as one family.</summary>
public sealed record CorrelationSpec(IReadOnlyList<string> Columns, CorrelationMethod Method, PAdjustMethod PAdjust = PAdjustMethod.None) : AnalysisSpec
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
        PlanEntry.Of(Type, ("columns", Columns.ToArray()), ("method", MethodName), ("pAdjust", Statistics.PAdjust.Name(PAdjust)));

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
            CorrelationMethod.Spearman => (15 * k * AnalysisCost.SortOf(n)) + ((pairs + k) * n),
            _ => (pairs + k) * n,
        };
        return new(AnalysisCost.Json(2 * k * k, Columns), work);
    }

    public override string CheaperAlternative => Method == CorrelationMethod.Kendall
        ? "use \"method\": \"spearman\" (a ranking per column instead of a count per pair of columns), or name fewer columns"
        : "name fewer columns";

    protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken) =>
        CorrelationAnalysis.Run(this, data, cancellationToken);

    /// <summary>R: which columns are constant in the rows used.</summary>
    private const string Constant = "vapply(x, function(v) length(unique(v)) < 2, logical(1))";

    /// <summary>R: each pair's p-value from cor.test on the rows used; 0 on the diagonal, undefined for a constant column.</summary>
    private static string PValues(string method) =>
        $"local({{ k <- {Constant}; outer(seq_along(x), seq_along(x), Vectorize(function(i, j) if (k[i] || k[j]) NA else if (i == j) 0 else " +
        $"suppressWarnings(cor.test(x[[i]], x[[j]], method = {method}))$p.value)) }})";

    public override RCode? ToR()
    {
        var method = Str(Method.ToString().ToLowerInvariant());
        return new RCode(
            $"cor(d[{Strs(Columns)}], use = \"complete.obs\", method = {method})",
            [
                // A constant column has no correlation, not even with itself: the service gives null there, where
                // R's cor writes 1 on the diagonal.
                new("coefficients", $"local({{ m <- res; k <- {Constant}; m[k, ] <- NA; m[, k] <- NA; t(m) }})", [new RPath("matrix", RPath.Each, RPath.Each)]),
                new("p-values (cor.test on each pair of the complete rows)", PValues(method),
                    [new RPath("pValues", RPath.Each, RPath.Each)]),
                .. PAdjust == PAdjustMethod.None ? [] : new[]
                {
                    new RCheck($"p-values adjusted ({Statistics.PAdjust.Name(PAdjust)}, the pairs as one family)",
                        $"local({{ P <- {PValues(method)}; " +
                        $"u <- upper.tri(P); P[u] <- p.adjust(P[u], method = {Str(Statistics.PAdjust.Name(PAdjust))}); P[lower.tri(P)] <- t(P)[lower.tri(P)]; P }})",
                        [new RPath("pValuesAdjusted", RPath.Each, RPath.Each)]),
                },
            ]);
    }
}
