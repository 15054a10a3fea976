namespace Analysis.Domain.Analyses.Regression;

/// <summary>
/// Ordinary least squares with an intercept (R: summary(lm(y ~ x1 + ...))). The centred predictors and response
/// are factored by QR (<see cref="TallSkinnyQr"/>) in predictor order, as R's lm does without pivoting; a
/// predictor whose part orthogonal to those before it is below 1e-7 of its length (R's QR tolerance) makes the
/// design singular. From R = [R_xx r_xy; 0 r_yy]: β = R_xx⁻¹ r_xy, RSS = r_yy², (X'X)⁻¹ = R_xx⁻¹ R_xx⁻ᵀ.
/// </summary>
public static class RegressionAnalysis
{
    private const double AliasTolerance = 1e-7;

    public static RegressionResult Run(RegressionSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        var y = (NumericColumn)data.Find(spec.Dependent)!;
        var predictors = spec.Independents.Select(name => data.Find(name)!).ToArray();
        var weightColumn = spec.Weights is { } named ? (NumericColumn)data.Find(named)! : null;
        var rows = Listwise.Of(weightColumn is null ? [.. predictors, y] : [.. predictors, y, weightColumn], data.RowCount);
        var design = DesignMatrix.Build(predictors, rows);
        var terms = design.Terms;
        var p = terms.Count;

        // Predictors first, the response last, so that R's last column carries Q'y and the residual.
        double[][] columns = [.. design.Columns, rows.Select(y)];
        var zeros = 0;
        var weights = weightColumn is null ? null : Weights.Positive(rows.Select(weightColumn), columns, out zeros, spec.Weights!);
        var n = columns[0].Length;
        if (p == 0)
        {
            throw new AnalysisNotComputableException("The categorical predictors have a single level in the complete rows: there is nothing to estimate.", n);
        }

        if (n <= p + 1)
        {
            throw new AnalysisNotComputableException(
                $"{n} complete rows for {p + 1} parameters: a regression needs more rows than parameters to estimate its errors.", n);
        }

        // Columns so large that their squares overflow are fitted scaled by powers of two, and the numbers scaled back.
        var scales = columns.Select(c => Scaling.For(c)).ToArray();
        for (var j = 0; j < columns.Length; j++)
        {
            columns[j] = Scaling.Divide(columns[j], scales[j]);
        }

        // Weighted (R: lm(..., weights = w)): the columns centred on their weighted means, each row times √w, are
        // orthogonal to the intercept's column √w; the total weight stands where the unweighted fit has n.
        double[] means;
        double[]? root = null;
        double totalWeight = n, weightScale = 1;
        if (weights is null)
        {
            means = [.. columns.Select(c => Moments.Mean(c))];
        }
        else
        {
            (means, totalWeight, weightScale, root) = Weights.Moments(columns, weights);
        }

        var r = TallSkinnyQr.Factor(columns, means, cancellationToken, root);

        var tss = ColumnSquaredNorm(r, p, p);
        if (tss == 0)
        {
            throw new AnalysisNotComputableException($"The dependent column '{spec.Dependent}' is constant: there is no variation to explain.", n);
        }

        CheckRank(r, means, p, terms, totalWeight, n);

        var rInverse = InvertUpper(r, p);
        var beta = new double[p];
        for (var i = 0; i < p; i++)
        {
            for (var j = i; j < p; j++)
            {
                beta[i] += rInverse[i, j] * r[j, p];
            }
        }

        // (X'X)⁻¹ = R⁻¹ R⁻ᵀ, of the centred predictors.
        var xtxInverse = new double[p, p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                double sum = 0;
                for (var k = Math.Max(i, j); k < p; k++)
                {
                    sum += rInverse[i, k] * rInverse[j, k];
                }

                xtxInverse[i, j] = xtxInverse[j, i] = sum;
            }
        }

        var intercept = means[p];
        for (var j = 0; j < p; j++)
        {
            intercept -= beta[j] * means[j];
        }

        var rss = r[p, p] * r[p, p];
        var explained = tss - rss;
        var dfResidual = n - p - 1;
        var sigma2 = rss / dfResidual;

        // Var(intercept)/σ² = 1/n + x̄'(X'X)⁻¹x̄ = 1/n + ‖R⁻ᵀx̄‖²: a sum of squares, so nearly collinear
        // predictors (huge entries of opposite sign in (X'X)⁻¹) lose nothing to cancellation.
        double interceptVariance = 1.0 / totalWeight;
        var w = new double[p];
        for (var i = 0; i < p; i++)
        {
            var sum = means[i];
            for (var k = 0; k < i; k++)
            {
                sum -= r[k, i] * w[k];
            }

            w[i] = sum / r[i, i];
            interceptVariance += w[i] * w[i];
        }

        var coefficients = new List<Coefficient>(p + 1)
        {
            Coefficient("(Intercept)", intercept, Math.Sqrt(sigma2 * interceptVariance), dfResidual),
        };
        for (var j = 0; j < p; j++)
        {
            coefficients.Add(Coefficient(terms[j], beta[j], Math.Sqrt(sigma2 * xtxInverse[j, j]), dfResidual));
        }

        for (var j = 0; j <= p; j++)
        {
            var factor = j == 0 ? scales[p] : scales[p] / scales[j - 1];
            if (factor != 1)
            {
                coefficients[j] = coefficients[j] with { Estimate = coefficients[j].Estimate * factor, StdError = coefficients[j].StdError * factor };
            }
        }

        var rSquared = explained / tss;
        var adjusted = 1 - ((1 - rSquared) * (n - 1) / dfResidual);
        var f = explained / p / sigma2;
        var warnings = new List<string>();
        if (rss == 0 || !double.IsFinite(f))
        {
            warnings.Add("The fit is exact (residuals are zero): t and F statistics are infinite and given as null.");
        }

        if (zeros > 0)
        {
            warnings.Add($"{zeros} row{(zeros == 1 ? " has" : "s have")} weight 0 and drop{(zeros == 1 ? "s" : string.Empty)} out of the fit and its degrees of freedom (as in R).");
        }

        // Weights scaled by a power of two leave every estimate as it is; the residual standard error is √(Σ w e² / df).
        var standardized = Standardized(columns, means, beta, design.Numeric, weights);
        for (var j = 0; j <= p; j++)
        {
            coefficients[j] = coefficients[j] with { StandardizedEstimate = standardized[j] };
        }

        var checks = spec.WithChecks ? ResidualChecks(columns, means, beta, root) : null;
        return new RegressionResult(
            spec.Dependent, spec.Independents, n, coefficients, rSquared, adjusted, f,
            double.IsNaN(f) ? double.NaN : Distributions.FUpper(f, p, dfResidual), Math.Sqrt(sigma2) * scales[p] * Math.Sqrt(weightScale), dfResidual, spec.Title)
        {
            Weights = spec.Weights,
            Checks = checks,
            Warnings = warnings.Count == 0 ? null : warnings,
        };
    }

    /// <summary>
    /// effectsize's standardized coefficients (the model refitted on z-scores of the response and the numeric
    /// predictors, indicators as they are): β·sd(x)/sd(y) for a numeric predictor, β/sd(y) for an indicator, and the
    /// intercept −Σ β·mean over the indicators / sd(y). SDs are weighted when the fit is, Σ w (x − x̄)² / (Σ w − 1)
    /// (weights as given, not rescaled), as datawizard standardizes. All in the units the fit took (the ratios do not
    /// change with a column's power-of-two scale).
    /// </summary>
    private static double[] Standardized(double[][] columns, double[] means, double[] beta, IReadOnlyList<bool> numeric, double[]? weights)
    {
        var p = beta.Length;
        double Sd(int j)
        {
            if (weights is null)
            {
                return Moments.StandardDeviation(columns[j], means[j]);
            }

            double squares = 0, total = 0;
            for (var i = 0; i < weights.Length; i++)
            {
                var d = columns[j][i] - means[j];
                squares += weights[i] * d * d;
                total += weights[i];
            }

            return Math.Sqrt(squares / (total - 1));
        }

        var sdY = Sd(p);
        var result = new double[p + 1];
        double intercept = 0;
        for (var j = 0; j < p; j++)
        {
            result[j + 1] = numeric[j] ? beta[j] * Sd(j) / sdY : beta[j] / sdY;
            intercept -= numeric[j] ? 0 : beta[j] * means[j];
        }

        result[0] = intercept / sdY;
        return result;
    }

    /// <summary>
    /// The residuals (times √w when weighted, <paramref name="root"/>) and the fitted values, from the columns as the
    /// fit took them (scaled, less their means), then the checks. Units do not matter: Shapiro–Wilk and Levene do not
    /// change with the scale, the split at the median neither.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static AssumptionChecks ResidualChecks(double[][] columns, double[] means, double[] beta, double[]? root)
    {
        var p = beta.Length;
        var n = columns[p].Length;
        var residuals = new double[n];
        var fitted = new double[n];
        for (var j = 0; j < p; j++)
        {
            var (x, b, m) = (columns[j], beta[j], means[j]);
            for (var i = 0; i < n; i++)
            {
                fitted[i] += b * (x[i] - m);
            }
        }

        var y = columns[p];
        for (var i = 0; i < n; i++)
        {
            residuals[i] = (y[i] - means[p] - fitted[i]) * (root?[i] ?? 1);
        }

        // Split at the median fitted value (the fitted values less the mean response order as they do): the residuals
        // of those above it, and of the others.
        var median = Quantiles.Median(fitted);
        var above = 0;
        foreach (var f in fitted)
        {
            above += f > median ? 1 : 0;
        }

        var (low, high) = (new double[n - above], new double[above]);
        for (int i = 0, a = 0, b = 0; i < n; i++)
        {
            if (fitted[i] > median)
            {
                high[a++] = residuals[i];
            }
            else
            {
                low[b++] = residuals[i];
            }
        }

        return AssumptionChecks.Of([(null, residuals)], above == 0 ? null : [low, high], "fitted values at or below their median, and above");
    }

    private static Coefficient Coefficient(string term, double estimate, double stdError, int df)
    {
        var t = estimate / stdError;
        return new Coefficient(term, estimate, stdError, t, double.IsNaN(t) ? double.NaN : Distributions.StudentTTwoSided(t, df));
    }

    /// <summary>‖column j‖² of R, which is ‖centred column j‖² of the data (Q is orthogonal).</summary>
    private static double ColumnSquaredNorm(double[,] r, int j, int rows)
    {
        double sum = 0;
        for (var i = 0; i <= Math.Min(j, rows); i++)
        {
            sum += r[i, j] * r[i, j];
        }

        return sum;
    }

    /// <summary>
    /// A predictor is aliased when what is left of it after the intercept and the predictors before it is below
    /// R's tolerance (1e-7) of its own length — the length of the column as given, mean included, as R's QR of the
    /// uncentred design measures it. So a predictor that is numerically collinear with the intercept (values
    /// around 1e15 that vary by 1) is reported as R reports it (NA), not estimated from rounding noise.
    /// </summary>
    private static void CheckRank(double[,] r, double[] means, int p, IReadOnlyList<string> names, double totalWeight, int n)
    {
        for (var k = 0; k < p; k++)
        {
            var centred = ColumnSquaredNorm(r, k, p);
            var (a, b) = (Math.Sqrt(centred), Math.Sqrt(totalWeight) * Math.Abs(means[k]));
            var (large, small) = (Math.Max(a, b), Math.Min(a, b));
            var length = large * Math.Sqrt(1 + ((small / large) * (small / large))); // √(a² + b²) without overflow
            if (centred == 0)
            {
                throw new AnalysisNotComputableException(
                    $"The design matrix is singular: predictor '{names[k]}' is constant, so it cannot be estimated alongside the intercept.", n);
            }

            if (Math.Abs(r[k, k]) < AliasTolerance * length)
            {
                throw new AnalysisNotComputableException(
                    $"The design matrix is singular: predictor '{names[k]}' is a linear combination of the predictors before it and the intercept " +
                    "(at double precision: what is left of it after them is below 1e-7 of its length, R's tolerance).", n);
            }
        }
    }

    private static double[,] InvertUpper(double[,] r, int p)
    {
        var inverse = new double[p, p];
        for (var j = p - 1; j >= 0; j--)
        {
            inverse[j, j] = 1 / r[j, j];
            for (var i = j - 1; i >= 0; i--)
            {
                double sum = 0;
                for (var k = i + 1; k <= j; k++)
                {
                    sum += r[i, k] * inverse[k, j];
                }

                inverse[i, j] = -sum / r[i, i];
            }
        }

        return inverse;
    }
}
