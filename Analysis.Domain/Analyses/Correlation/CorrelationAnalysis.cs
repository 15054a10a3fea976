namespace Analysis.Domain.Analyses.Correlation;

/// <summary>
/// Pearson, Spearman or Kendall (τ-b) correlation matrix with two-sided p-values, as R's cor and cor.test compute them:
/// Pearson's p from t = r·√((n−2)/(1−r²)) on n−2 df; Spearman's on average ranks, exact (AS 89) for
/// n ≤ 1290 without ties in the pair, else the same t approximation (R warns that ties prevent the exact p-value; so do we).
/// </summary>
public static class CorrelationAnalysis
{
    private const int SpearmanExactLimit = 1290; // R: exact (AS 89, Edgeworth past n = 9) for n ≤ 1290
    private const int KendallExactBelow = 50; // R: exact for n < 50 without ties

    public static CorrelationResult Run(CorrelationSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var result = spec.Use == CorrelationUse.Pairwise ? Pairwise(spec, data, cancellationToken) : Complete(spec, data, cancellationToken);
        return spec.Method == CorrelationMethod.Pearson ? WithIntervals(result) : result;
    }

    /// <summary>R's cor.test interval of each pair: tanh(atanh(r) ± z₀.₉₇₅/√(n − 3)) on the pair's n rows (more than 3).</summary>
    private static CorrelationResult WithIntervals(CorrelationResult result)
    {
        var p = result.Columns.Count;
        var z = Distributions.NormalQuantile(0.975);
        var intervals = new double[p][][];
        for (var i = 0; i < p; i++)
        {
            intervals[i] = new double[p][];
            for (var j = 0; j < p; j++)
            {
                var (r, n) = (result.Matrix[i][j], result.NMatrix?[i][j] ?? result.N);
                intervals[i][j] = i == j || double.IsNaN(r) || n <= 3
                    ? [double.NaN, double.NaN]
                    : [Math.Tanh(Math.Atanh(r) - (z / Math.Sqrt(n - 3))), Math.Tanh(Math.Atanh(r) + (z / Math.Sqrt(n - 3)))];
            }
        }

        return result with { ConfidenceIntervals = intervals };
    }

    /// <summary>
    /// R: <c>cor(d, use = "pairwise.complete.obs")</c> with each pair's <c>cor.test</c>: every pair computed as a
    /// correlation of its two columns on the rows complete in both (so with its own n, p-value and exactness), the
    /// diagonal from each column's own values. A pair of fewer than 3 rows, or constant in them, has no coefficient.
    /// </summary>
    private static CorrelationResult Pairwise(CorrelationSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        var p = spec.Columns.Count;
        var columns = spec.Columns.Select(name => (NumericColumn)data.Find(name)!).ToArray();
        var (matrix, pValues) = (Square(p), Square(p));
        var counts = new int[p][];
        var warnings = new List<string>();
        for (var i = 0; i < p; i++)
        {
            counts[i] = new int[p];
            counts[i][i] = data.RowCount - columns[i].MissingCount;
            var (min, max) = columns[i].MissingCount == 0 ? Moments.Range(columns[i].Values) : Moments.Range(columns[i].Present());
            var defined = counts[i][i] >= 2 && min != max;
            matrix[i][i] = defined ? 1 : double.NaN;
            pValues[i][i] = defined ? 0 : double.NaN;
            if (!defined)
            {
                warnings.Add($"Column '{spec.Columns[i]}' is constant: its correlations are null.");
            }
        }

        // The columns with no missing value take every row in each of their pairs: their pairs are one complete-rows
        // matrix, computed at once (one pass of cross-products instead of one a pair).
        var full = Enumerable.Range(0, p).Where(i => columns[i].MissingCount == 0).ToArray();
        var done = new bool[p, p];
        if (full.Length >= 2 && data.RowCount >= 3)
        {
            var together = Complete(new CorrelationSpec([.. full.Select(i => spec.Columns[i])], spec.Method), new Dataset([.. full.Select(i => columns[i])]), cancellationToken);
            for (var a = 0; a < full.Length; a++)
            {
                for (var b = a + 1; b < full.Length; b++)
                {
                    var (i, j) = (full[a], full[b]);
                    matrix[i][j] = matrix[j][i] = together.Matrix[a][b];
                    pValues[i][j] = pValues[j][i] = together.PValues[a][b];
                    counts[i][j] = counts[j][i] = data.RowCount;
                    done[i, j] = true;
                }
            }

            warnings.AddRange(together.Warnings?.Where(w => w.StartsWith("Ties", StringComparison.Ordinal)) ?? []);
        }

        for (var i = 0; i < p; i++)
        {
            for (var j = i + 1; j < p; j++)
            {
                if (done[i, j])
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                var pair = new CorrelationSpec([spec.Columns[i], spec.Columns[j]], spec.Method);
                var rows = Listwise.Of([columns[i], columns[j]], data.RowCount).Count;
                counts[i][j] = counts[j][i] = rows;
                double r = double.NaN, pValue = double.NaN;
                if (rows < 3)
                {
                    warnings.Add($"'{spec.Columns[i]}' and '{spec.Columns[j]}' have {rows} row{(rows == 1 ? string.Empty : "s")} with both values: their correlation needs 3 and is null.");
                }
                else
                {
                    var result = Complete(pair, new Dataset([columns[i], columns[j]]), cancellationToken);
                    (r, pValue) = (result.Matrix[0][1], result.PValues[0][1]);
                    if (double.IsNaN(r) && counts[i][i] >= 2 && counts[j][j] >= 2 && matrix[i][i] == 1 && matrix[j][j] == 1)
                    {
                        warnings.Add($"'{spec.Columns[i]}' and '{spec.Columns[j]}': a column is constant in the rows with both values: their correlation is null.");
                    }

                    warnings.AddRange(result.Warnings?.Where(w => w.StartsWith("Ties", StringComparison.Ordinal)).Select(w => $"'{spec.Columns[i]}' and '{spec.Columns[j]}': {w}") ?? []);
                }

                matrix[i][j] = matrix[j][i] = r;
                pValues[i][j] = pValues[j][i] = pValue;
            }
        }

        var n = data.RowCount - spec.CountExcluded(data);
        return Adjusted(spec, new CorrelationResult(spec.MethodName, spec.Columns, matrix, pValues, n, spec.Title)
        {
            Use = spec.UseName,
            NMatrix = counts,
            Warnings = warnings.Count == 0 ? null : [.. warnings.Distinct()],
        });
    }

    private static CorrelationResult Complete(CorrelationSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        var columns = spec.Columns.Select(name => (NumericColumn)data.Find(name)!).ToArray();
        var rows = Listwise.Of(columns, data.RowCount);
        var n = rows.Count;
        if (n < 3)
        {
            throw new AnalysisNotComputableException($"A correlation needs at least 3 complete rows; there are {n}.", n);
        }

        var p = columns.Length;
        var values = new double[p][];
        var ties = new bool[p];
        for (var j = 0; j < p; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            values[j] = rows.Select(columns[j]);
            if (spec.Method == CorrelationMethod.Spearman)
            {
                values[j] = Ranks.Average(values[j], out ties[j]);
            }
            else
            {
                // r does not change with a column's scale; values whose squares would overflow are scaled first.
                values[j] = Scaling.Divide(values[j], Scaling.For(values[j]));
            }
        }

        if (spec.Method == CorrelationMethod.Kendall)
        {
            return Kendall(spec, values, n, cancellationToken);
        }

        var sums = CrossProducts.Compute(values, cancellationToken).Centred;
        var matrix = Square(p);
        var pValues = Square(p);
        var warnings = new List<string>();
        for (var i = 0; i < p; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (sums[i, i] == 0)
            {
                warnings.Add($"Column '{spec.Columns[i]}' is constant in the rows used: its correlations are null.");
            }

            for (var j = i; j < p; j++)
            {
                var r = sums[i, i] == 0 || sums[j, j] == 0
                    ? double.NaN
                    : Math.Clamp(sums[i, j] / Math.Sqrt(sums[i, i] * sums[j, j]), -1, 1);
                if (i == j && double.IsFinite(r))
                {
                    r = 1;
                }

                matrix[i][j] = matrix[j][i] = r;
                pValues[i][j] = pValues[j][i] = i == j
                    ? (double.IsNaN(r) ? double.NaN : 0)
                    : PValue(spec.Method, r, n, ties[i] || ties[j]);
            }
        }

        var tied = spec.Columns.Where((_, j) => ties[j]).ToList();
        if (spec.Method == CorrelationMethod.Spearman && n <= SpearmanExactLimit && tied.Count > 0)
        {
            warnings.Add($"Ties in {string.Join(", ", tied.Select(c => $"'{c}'"))}: the exact p-value cannot be computed with ties; " +
                "the p-values of their pairs use the t approximation (as R's cor.test).");
        }

        return Adjusted(spec, new CorrelationResult(spec.MethodName, spec.Columns, matrix, pValues, n, spec.Title)
        {
            Warnings = warnings.Count == 0 ? null : warnings,
        });
    }

    private static double PValue(CorrelationMethod method, double r, int n, bool ties)
    {
        if (double.IsNaN(r))
        {
            return double.NaN;
        }

        if (method == CorrelationMethod.Spearman && !ties && n <= SpearmanExactLimit)
        {
            // R: q = (n³ − n)(1 − r)/6, then the tail of S on the side q falls, doubled.
            var n3 = ((double)n * n * n) - n;
            var q = n3 * (1 - r) / 6;
            var p = q > n3 / 6
                ? SpearmanExact.Probability(n, Math.Round(q), lowerTail: false)
                : SpearmanExact.Probability(n, Math.Round(q) + 2, lowerTail: true);
            return Math.Min(2 * p, 1);
        }

        var df = n - 2.0;
        return Math.Abs(r) == 1 ? 0 : Distributions.StudentTTwoSided(r * Math.Sqrt(df / (1 - (r * r))), df);
    }

    /// <summary>
    /// Kendall's τ-b of each pair, as R's <c>cor.test(method = "kendall")</c>: the exact p-value below 50 rows
    /// without ties, else the normal approximation with the tie-corrected variance (R warns, and so do we).
    /// </summary>
    private static CorrelationResult Kendall(CorrelationSpec spec, double[][] values, int n, CancellationToken cancellationToken)
    {
        var p = values.Length;
        var matrix = Square(p);
        var pValues = Square(p);
        var warnings = new List<string>();
        var tied = new List<string>();
        for (var i = 0; i < p; i++)
        {
            var constant = values[i].All(v => v == values[i][0]);
            if (constant)
            {
                warnings.Add($"Column '{spec.Columns[i]}' is constant in the rows used: its correlations are null.");
            }
            else if (n < KendallExactBelow && values[i].Distinct().Count() < n)
            {
                tied.Add(spec.Columns[i]);
            }

            matrix[i][i] = constant ? double.NaN : 1;
            pValues[i][i] = constant ? double.NaN : 0;
            for (var j = i + 1; j < p; j++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var test = KendallTau.Test(values[i], values[j], exact: null);
                matrix[i][j] = matrix[j][i] = test.Tau;
                pValues[i][j] = pValues[j][i] = test.PValue;
            }
        }

        if (tied.Count > 0)
        {
            warnings.Add($"Ties in {string.Join(", ", tied.Select(c => $"'{c}'"))}: the exact p-value cannot be computed with ties; " +
                "the p-values of their pairs use the normal approximation (as R's cor.test).");
        }

        return Adjusted(spec, new CorrelationResult(spec.MethodName, spec.Columns, matrix, pValues, n, spec.Title)
        {
            Warnings = warnings.Count == 0 ? null : warnings,
        });
    }

    /// <summary>The pairs above the diagonal as one family, corrected as asked (R: <c>p.adjust(P[upper.tri(P)])</c>); the diagonal as it is.</summary>
    private static CorrelationResult Adjusted(CorrelationSpec spec, CorrelationResult result)
    {
        if (spec.PAdjust == PAdjustMethod.None)
        {
            return result;
        }

        var p = result.PValues.Length;
        var pairs = new List<(int I, int J)>();
        for (var i = 0; i < p; i++)
        {
            for (var j = i + 1; j < p; j++)
            {
                pairs.Add((i, j));
            }
        }

        var corrected = PAdjust.Adjust([.. pairs.Select(x => result.PValues[x.I][x.J])], spec.PAdjust);
        var adjusted = Square(p);
        for (var i = 0; i < p; i++)
        {
            adjusted[i][i] = result.PValues[i][i];
        }

        for (var k = 0; k < pairs.Count; k++)
        {
            adjusted[pairs[k].I][pairs[k].J] = adjusted[pairs[k].J][pairs[k].I] = corrected[k];
        }

        return result with { PAdjust = PAdjust.Name(spec.PAdjust), PValuesAdjusted = adjusted };
    }

    private static double[][] Square(int p) => [.. Enumerable.Range(0, p).Select(_ => new double[p])];
}
