using System.Runtime.CompilerServices;

namespace Analysis.Domain.Statistics;

/// <summary>
/// Logistic regression as R 4.2.2's <c>glm(y ~ ..., family = binomial)</c> computes it: glm.fit's iteratively
/// reweighted least squares step by step (starting values, R's clamped logit link, the convergence test on the
/// relative change of deviance, step halving only for a non-finite deviance or invalid μ, 25 iterations at most),
/// then <c>summary.glm</c>'s z tests with dispersion 1.
/// </summary>
public static class LogisticRegression
{
    /// <summary>glm.control()$maxit.</summary>
    private const int MaxIterations = 25;

    /// <summary>glm.control()$epsilon.</summary>
    private const double ConvergenceEpsilon = 1e-8;

    /// <summary>The tolerance glm.fit hands to Cdqrls: min(1e-7, epsilon / 1000).</summary>
    private const double RankTolerance = 1e-11;

    /// <summary>C's DBL_EPSILON, 2⁻⁵² (not .NET's double.Epsilon, the smallest subnormal).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>R's logit link clamps |η| beyond 30 (THRESH / MTHRESH in family.c).</summary>
    private const double EtaThreshold = 30;

    /// <summary>Rows per pass of the linear predictor and the deviance.</summary>
    private const int Block = 4096;

    /// <summary>
    /// R: <c>glm(y ~ X - 1, family = binomial)</c> where <c>columns[0]</c> is the intercept column of ones (the caller
    /// builds the design: numeric predictors and treatment-coded dummies), reported like <c>glm(y ~ predictors)</c>:
    /// when <c>columns[0]</c> is all ones the null model is the intercept-only one (DfNull = n − 1); otherwise it is
    /// μ = ½ (DfNull = n), as R does without an intercept. Columns collinear with earlier ones (dqrdc2's pivoting
    /// with glm.fit's tolerance 1e-11) are listed in <see cref="LogisticFit.Aliased"/>, get NaN and stay out of the fit.
    /// </summary>
    /// <param name="columns">The design's columns, each of length n, finite.</param>
    /// <param name="y">n responses, each 0 or 1.</param>
    /// <param name="cancellationToken">Checked between iterations and between blocks of rows.</param>
    public static LogisticFit Fit(IReadOnlyList<double[]> columns, ReadOnlySpan<double> y, CancellationToken cancellationToken) =>
        Fit(columns, y, null, cancellationToken);

    /// <summary><see cref="Fit(IReadOnlyList{double[]}, ReadOnlySpan{double}, CancellationToken)"/> with prior weights.</summary>
    /// <param name="columns">The design's columns, each of length n, finite.</param>
    /// <param name="y">n responses, each 0 or 1.</param>
    /// <param name="weights">
    /// Prior weights (R: <c>glm(..., weights = w)</c>), each positive and finite (rows of weight 0 add nothing to the fit:
    /// leave them out), or null for 1 each.
    /// </param>
    /// <param name="cancellationToken">Checked between iterations and between blocks of rows.</param>
    /// <exception cref="ArgumentException">No columns or rows, unequal lengths, non-finite values, or y not 0/1.</exception>
    /// <exception cref="InvalidOperationException">Where glm.fit stops with an error (no valid coefficients, step size not correctable).</exception>
    public static LogisticFit Fit(IReadOnlyList<double[]> columns, ReadOnlySpan<double> y, double[]? weights, CancellationToken cancellationToken)
    {
        var n = Validate(columns, y);
        var p = columns.Count;
        if (weights is not null && (weights.Length != n || !Array.TrueForAll(weights, w => w > 0 && double.IsFinite(w))))
        {
            throw new ArgumentException($"Weights must be {n} positive finite numbers.", nameof(weights));
        }

        // binomial()$initialize for 0/1 data: mustart = (w·y + 0.5) / (w + 1); eta = logit(mustart).
        var eta = new double[n];
        for (var i = 0; i < n; i++)
        {
            var w = weights?[i] ?? 1;
            var start = ((w * y[i]) + 0.5) / (w + 1);
            eta[i] = Math.Log(start / (1 - start));
        }

        var devold = Deviance(y, weights, eta).Deviance;
        var qr = new WeightedQr(p);
        var sqrtWeights = new double[WeightedQr.BlockRows];
        var z = new double[WeightedQr.BlockRows];
        double[]? coefficients = null;
        double[]? coefold = null;
        double[]? previous = null;
        WeightedQrSolution? fit = null;
        var deviance = devold;
        var converged = false;
        var iterations = 0;
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iterations = iteration;
            Accumulate(qr, columns, y, weights, eta, sqrtWeights, z, cancellationToken);
            var step = qr.Solve(RankTolerance);
            if (!step.Coefficients.All(double.IsFinite))
            {
                // glm.fit: warning "non-finite coefficients at iteration k"; keeps the last coefficients.
                converged = false;
                break;
            }

            fit = step;
            var start = step.Coefficients;
            var (dev, valid) = UpdateLinearPredictor(columns, start, y, weights, eta, cancellationToken);
            if (!double.IsFinite(dev))
            {
                // glm.fit: "step size truncated due to divergence".
                start = Halve(columns, y, weights, eta, start, coefold, s => !double.IsFinite(s.Deviance), cancellationToken);
                (dev, valid) = Deviance(y, weights, eta);
            }

            if (!valid)
            {
                // glm.fit: "step size truncated: out of bounds".
                start = Halve(columns, y, weights, eta, start, coefold, s => !s.Valid, cancellationToken);
                (dev, valid) = Deviance(y, weights, eta);
            }

            previous = coefficients;
            coefficients = start;
            deviance = dev;
            if (Math.Abs(dev - devold) / (0.1 + Math.Abs(dev)) < ConvergenceEpsilon)
            {
                converged = true;
                break;
            }

            devold = dev;
            coefold = start;
        }

        if (coefficients is null || fit is null)
        {
            throw new InvalidOperationException("glm.fit: non-finite coefficients at the first iteration.");
        }

        var separation = SeparationCheck.Classify(columns, y, eta, coefficients, previous, fit.Aliased, cancellationToken);
        return Summarise(columns, y, weights, eta, coefficients, fit, deviance, iterations, converged, separation);
    }

    private static LogisticFit Summarise(
        IReadOnlyList<double[]> columns,
        ReadOnlySpan<double> y,
        double[]? weights,
        double[] eta,
        double[] coefficients,
        WeightedQrSolution fit,
        double deviance,
        int iterations,
        bool converged,
        Separation separation)
    {
        var p = columns.Count;
        var n = y.Length;
        var estimates = new double[p];
        var stdErrors = new double[p];
        var zs = new double[p];
        var ps = new double[p];
        var aliased = new List<int>();
        for (var j = 0; j < p; j++)
        {
            if (fit.Aliased[j])
            {
                estimates[j] = stdErrors[j] = zs[j] = ps[j] = double.NaN;
                aliased.Add(j);
                continue;
            }

            estimates[j] = coefficients[j];
            stdErrors[j] = fit.StdErrors[j];
            zs[j] = estimates[j] / stdErrors[j];
            ps[j] = 2 * Distributions.Normal(-Math.Abs(zs[j]), lowerTail: true);
        }

        var intercept = columns[0].AsSpan().IndexOfAnyExcept(1.0) < 0;
        double ones = 0, total = 0;
        for (var i = 0; i < n; i++)
        {
            var w = weights?[i] ?? 1;
            ones += y[i] == 1 ? w : 0;
            total += w;
        }

        // glm.fit: wtdmu = Σ w·y / Σ w with an intercept, linkinv(0) = ½ without; nulldev = Σ dev.resids(y, wtdmu, w).
        var nullMu = intercept ? ones / total : 0.5;
        var nullDeviance = (ones > 0 ? ones * 2 * Math.Log(1 / nullMu) : 0)
            + (total - ones > 0 ? (total - ones) * 2 * Math.Log(1 / (1 - nullMu)) : 0);

        // binomial()$aic: −2 Σ log dbinom(round(w·y), round(w), μ), which for weights of 1 is the deviance.
        var aic = weights is null ? deviance : WeightedAic(y, weights, eta);

        return new LogisticFit(
            estimates,
            stdErrors,
            zs,
            ps,
            deviance,
            nullDeviance,
            n - fit.Rank,
            n - (intercept ? 1 : 0),
            aic + (2.0 * fit.Rank),
            iterations,
            converged,
            separation,
            [.. aliased]);
    }

    /// <summary>
    /// glm.fit's inner loops: start ← (start + coefold) / 2 until the condition clears, at most maxit times.
    /// Leaves η for the returned coefficients.
    /// </summary>
    private static double[] Halve(
        IReadOnlyList<double[]> columns,
        ReadOnlySpan<double> y,
        double[]? weights,
        double[] eta,
        double[] start,
        double[]? coefold,
        Func<(double Deviance, bool Valid), bool> stillBad,
        CancellationToken cancellationToken)
    {
        if (coefold is null)
        {
            throw new InvalidOperationException("glm.fit: no valid set of coefficients has been found: please supply starting values.");
        }

        var state = (Deviance: double.NaN, Valid: false);
        for (var ii = 1; ii == 1 || stillBad(state); ii++)
        {
            if (ii > MaxIterations)
            {
                throw new InvalidOperationException("glm.fit: inner loop; cannot correct step size.");
            }

            var halved = new double[start.Length];
            for (var j = 0; j < start.Length; j++)
            {
                halved[j] = (start[j] + coefold[j]) / 2;
            }

            start = halved;
            state = UpdateLinearPredictor(columns, start, y, weights, eta, cancellationToken);
        }

        return start;
    }

    /// <summary>
    /// The R factor of [√w·X | √w·z] for the current η (glm.fit: z = η + (y − μ)/μ', w = √(prior · μ'² / V(μ))).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate(
        WeightedQr qr,
        IReadOnlyList<double[]> columns,
        ReadOnlySpan<double> y,
        double[]? weights,
        double[] eta,
        double[] sqrtWeights,
        double[] z,
        CancellationToken cancellationToken)
    {
        qr.Reset();
        var n = y.Length;
        for (var start = 0; start < n; start += WeightedQr.BlockRows)
        {
            if ((start & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var length = Math.Min(WeightedQr.BlockRows, n - start);
            for (var i = 0; i < length; i++)
            {
                var e = eta[start + i];

                // R's logit_linkinv and logit_mu_eta (family.c), one exp for both; μ' ≥ 9e-14 > 0, so every row is "good".
                double mu, muEta;
                if (e < -EtaThreshold)
                {
                    mu = MachineEpsilon / (1 + MachineEpsilon);
                    muEta = MachineEpsilon;
                }
                else if (e > EtaThreshold)
                {
                    mu = (1 / MachineEpsilon) / (1 + (1 / MachineEpsilon));
                    muEta = MachineEpsilon;
                }
                else
                {
                    var exp = Math.Exp(e);
                    var opexp = 1 + exp;
                    mu = exp / opexp;
                    muEta = exp / (opexp * opexp);
                }

                z[i] = e + ((y[start + i] - mu) / muEta);
                sqrtWeights[i] = Math.Sqrt((weights?[start + i] ?? 1) * muEta * muEta / (mu * (1 - mu)));
            }

            qr.AddRows(columns, start, sqrtWeights.AsSpan(0, length), z.AsSpan(0, length));
        }
    }

    /// <summary>η = X·β (column by column, as BLAS dgemv), then the deviance of the μ it gives.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Deviance, bool Valid) UpdateLinearPredictor(
        IReadOnlyList<double[]> columns,
        double[] coefficients,
        ReadOnlySpan<double> y,
        double[]? weights,
        double[] eta,
        CancellationToken cancellationToken)
    {
        var n = y.Length;
        for (var start = 0; start < n; start += Block)
        {
            if ((start & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var target = eta.AsSpan(start, Math.Min(Block, n - start));
            target.Clear();
            for (var j = 0; j < columns.Count; j++)
            {
                var b = coefficients[j];
                var source = columns[j].AsSpan(start, target.Length);
                for (var i = 0; i < target.Length; i++)
                {
                    target[i] += source[i] * b;
                }
            }
        }

        return Deviance(y, weights, eta);
    }

    /// <summary>
    /// Σ binomial dev.resids (2·w·log(1/μ) for y = 1, 2·w·log(1/(1 − μ)) for y = 0) with compensated summation (R sums
    /// in long double), and binomial()$validmu: every μ finite and strictly inside (0, 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Deviance, bool Valid) Deviance(ReadOnlySpan<double> y, double[]? weights, double[] eta)
    {
        double sum = 0, compensation = 0;
        var valid = true;
        for (var i = 0; i < eta.Length; i++)
        {
            var mu = LinkInverse(eta[i]);
            valid &= double.IsFinite(mu) && mu > 0 && mu < 1;
            var term = 2 * Math.Log(1 / (y[i] == 1 ? mu : 1 - mu)) * (weights?[i] ?? 1);
            var next = sum + term;
            compensation += Math.Abs(sum) >= Math.Abs(term) ? (sum - next) + term : (term - next) + sum;
            sum = next;
        }

        return (sum + compensation, valid);
    }

    /// <summary>
    /// binomial()$aic with prior weights on 0/1 data: −2 Σ log dbinom(round(w·y), round(w), μ) (R rounds the counts, so a
    /// weight below ½ counts no trial).
    /// </summary>
    private static double WeightedAic(ReadOnlySpan<double> y, double[] weights, double[] eta)
    {
        double sum = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var mu = LinkInverse(eta[i]);
            double trials = Math.Round(weights[i], MidpointRounding.ToEven), successes = Math.Round(weights[i] * y[i], MidpointRounding.ToEven);
            var choose = MathNet.Numerics.SpecialFunctions.GammaLn(trials + 1) - MathNet.Numerics.SpecialFunctions.GammaLn(successes + 1)
                - MathNet.Numerics.SpecialFunctions.GammaLn(trials - successes + 1);
            sum += choose + (successes > 0 ? successes * Math.Log(mu) : 0) + (trials - successes > 0 ? (trials - successes) * Math.Log(1 - mu) : 0);
        }

        return -2 * sum;
    }

    /// <summary>R's logit_linkinv: exp(η)/(1 + exp(η)) with exp(η) clamped to [DBL_EPSILON, 1/DBL_EPSILON] beyond |η| = 30.</summary>
    private static double LinkInverse(double eta)
    {
        var exp = eta < -EtaThreshold ? MachineEpsilon : eta > EtaThreshold ? 1 / MachineEpsilon : Math.Exp(eta);
        return exp / (1 + exp);
    }

    private static int Validate(IReadOnlyList<double[]> columns, ReadOnlySpan<double> y)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("The design needs at least one column.", nameof(columns));
        }

        var n = y.Length;
        if (n == 0)
        {
            throw new ArgumentException("There are no observations.", nameof(y));
        }

        foreach (var column in columns)
        {
            if (column is null || column.Length != n)
            {
                throw new ArgumentException($"Every column must hold {n} values, as y does.", nameof(columns));
            }

            foreach (var value in column)
            {
                if (!double.IsFinite(value))
                {
                    throw new ArgumentException("The design must be finite (drop incomplete rows first).", nameof(columns));
                }
            }
        }

        foreach (var value in y)
        {
            if (value is not (0 or 1))
            {
                throw new ArgumentException("y must be 0 or 1.", nameof(y));
            }
        }

        return n;
    }
}
