using Analysis.Domain.Datasets;
using Analysis.Domain.Statistics;

namespace Analysis.Domain.Analyses.Regression;

/// <summary>
/// Ordinary least squares with an intercept (R: summary(lm(y ~ x1 + ...))). The centred cross-product matrix is
/// computed once; the predictors' correlation matrix is factored by Cholesky in predictor order, and a predictor
/// whose remaining variation is below R's aliasing tolerance (QR tol 1e-7, squared here) makes the design
/// singular. Residuals come from a second pass over the data, not from the normal equations.
/// </summary>
public static class RegressionAnalysis
{
    private const double AliasTolerance = 1e-14;
    private const int Block = 2048;

    public static RegressionResult Run(RegressionSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        var y = (NumericColumn)data.Find(spec.Dependent)!;
        var xs = spec.Independents.Select(name => (NumericColumn)data.Find(name)!).ToArray();
        var rows = Listwise.Of([y, .. xs], data.RowCount);
        var n = rows.Count;
        var p = xs.Length;
        if (n <= p + 1)
        {
            throw new AnalysisNotComputableException(
                $"{n} complete rows for {p + 1} parameters: a regression needs more rows than parameters to estimate its errors.", n);
        }

        double[][] columns = [rows.Select(y), .. xs.Select(rows.Select)];
        var cross = CrossProducts.Compute(columns, cancellationToken);
        var s = cross.Centred;
        var tss = s[0, 0];
        if (tss == 0)
        {
            throw new AnalysisNotComputableException($"The dependent column '{spec.Dependent}' is constant: there is no variation to explain.", n);
        }

        var scale = new double[p];
        for (var j = 0; j < p; j++)
        {
            if (s[j + 1, j + 1] == 0)
            {
                throw new AnalysisNotComputableException(
                    $"The design matrix is singular: predictor '{spec.Independents[j]}' is constant, so it cannot be estimated alongside the intercept.", n);
            }

            scale[j] = Math.Sqrt(s[j + 1, j + 1]);
        }

        var inverse = InverseCorrelation(s, scale, spec.Independents, n);

        // (X'X)⁻¹ of the centred predictors = D⁻¹ R⁻¹ D⁻¹; β = (X'X)⁻¹ X'y.
        var beta = new double[p];
        var sxxInverse = new double[p, p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                sxxInverse[i, j] = inverse[i, j] / (scale[i] * scale[j]);
            }
        }

        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                beta[i] += sxxInverse[i, j] * s[j + 1, 0];
            }
        }

        var intercept = cross.Means[0];
        for (var j = 0; j < p; j++)
        {
            intercept -= beta[j] * cross.Means[j + 1];
        }

        var rss = ResidualSumOfSquares(columns, cross.Means, beta, cancellationToken);
        var dfResidual = n - p - 1;
        var sigma2 = rss / dfResidual;

        var coefficients = new List<Coefficient>(p + 1);
        double interceptVariance = 1.0 / n;
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                interceptVariance += cross.Means[i + 1] * sxxInverse[i, j] * cross.Means[j + 1];
            }
        }

        coefficients.Add(Coefficient("(Intercept)", intercept, Math.Sqrt(sigma2 * interceptVariance), dfResidual));
        for (var j = 0; j < p; j++)
        {
            coefficients.Add(Coefficient(spec.Independents[j], beta[j], Math.Sqrt(sigma2 * sxxInverse[j, j]), dfResidual));
        }

        var rSquared = 1 - (rss / tss);
        var adjusted = 1 - ((1 - rSquared) * (n - 1) / dfResidual);
        var f = (tss - rss) / p / sigma2;
        var warnings = new List<string>();
        if (rss == 0 || !double.IsFinite(f))
        {
            warnings.Add("The fit is exact (residuals are zero): t and F statistics are infinite and given as null.");
        }

        return new RegressionResult(
            spec.Dependent, spec.Independents, n, coefficients, rSquared, adjusted, f,
            double.IsNaN(f) ? double.NaN : Distributions.FUpper(f, p, dfResidual), Math.Sqrt(sigma2), dfResidual, spec.Title)
        {
            Warnings = warnings.Count == 0 ? null : warnings,
        };
    }

    private static Coefficient Coefficient(string term, double estimate, double stdError, int df)
    {
        var t = estimate / stdError;
        return new Coefficient(term, estimate, stdError, t, double.IsNaN(t) ? double.NaN : Distributions.StudentTTwoSided(t, df));
    }

    /// <summary>Inverse of the predictors' correlation matrix; throws naming the first aliased predictor.</summary>
    private static double[,] InverseCorrelation(double[,] s, double[] scale, IReadOnlyList<string> names, int n)
    {
        var p = scale.Length;
        var l = new double[p, p];
        for (var k = 0; k < p; k++)
        {
            var d = 1.0; // R[k,k] of a correlation matrix
            for (var m = 0; m < k; m++)
            {
                d -= l[k, m] * l[k, m];
            }

            if (d < AliasTolerance)
            {
                throw new AnalysisNotComputableException(
                    $"The design matrix is singular: predictor '{names[k]}' is a linear combination of the predictors before it and the intercept.", n);
            }

            l[k, k] = Math.Sqrt(d);
            for (var i = k + 1; i < p; i++)
            {
                var r = s[i + 1, k + 1] / (scale[i] * scale[k]);
                for (var m = 0; m < k; m++)
                {
                    r -= l[i, m] * l[k, m];
                }

                l[i, k] = r / l[k, k];
            }
        }

        // L⁻¹ by forward substitution, then R⁻¹ = L⁻ᵀ L⁻¹.
        var li = new double[p, p];
        for (var j = 0; j < p; j++)
        {
            li[j, j] = 1 / l[j, j];
            for (var i = j + 1; i < p; i++)
            {
                double sum = 0;
                for (var m = j; m < i; m++)
                {
                    sum += l[i, m] * li[m, j];
                }

                li[i, j] = -sum / l[i, i];
            }
        }

        var inverse = new double[p, p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                double sum = 0;
                for (var m = i; m < p; m++)
                {
                    sum += li[m, i] * li[m, j];
                }

                inverse[i, j] = inverse[j, i] = sum;
            }
        }

        return inverse;
    }

    private static double ResidualSumOfSquares(double[][] columns, double[] means, double[] beta, CancellationToken cancellationToken)
    {
        var n = columns[0].Length;
        var residual = new double[Block];
        double rss = 0;
        for (var start = 0; start < n; start += Block)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = Math.Min(Block, n - start);
            var e = residual.AsSpan(0, length);
            var y = columns[0].AsSpan(start, length);
            for (var r = 0; r < length; r++)
            {
                e[r] = y[r] - means[0];
            }

            for (var j = 0; j < beta.Length; j++)
            {
                var x = columns[j + 1].AsSpan(start, length);
                var (b, mean) = (beta[j], means[j + 1]);
                for (var r = 0; r < length; r++)
                {
                    e[r] -= b * (x[r] - mean);
                }
            }

            rss += CrossProducts.Dot(e, e);
        }

        return rss;
    }
}
