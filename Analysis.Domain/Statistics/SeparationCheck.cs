using System.Runtime.CompilerServices;

namespace Analysis.Domain.Statistics;

/// <summary>
/// Decides <see cref="Separation"/> for a logistic fit by verifying a separating direction on the data.
/// With sᵢ = +1 for y = 1 and −1 for y = 0, a direction d (over the columns kept in the fit) is checked row by
/// row: mᵢ = sᵢ·xᵢ·d against the margin 1e-11·Σⱼ|xᵢⱼdⱼ| (above what rounding in xᵢ·d reaches), after zeroing the
/// components of d whose column contributes less than 1e-11 of the largest column's contribution (rounding noise of
/// a computed direction).
/// <list type="bullet">
/// <item>Complete: every mᵢ above the margin — a b with Xb &gt; 0 exactly where y = 1 and &lt; 0 where y = 0.</item>
/// <item>Quasi: no mᵢ below −margin and at least one above it — some fitted probabilities go to 0 or 1, the rest stay.</item>
/// </list>
/// The directions tried are those IRLS diverges along: the final coefficients themselves (for complete separation
/// the fitted η already separates), then the final coefficients and the last step projected onto the null space of
/// the rows presumed on the boundary — first those not saturated (sᵢηᵢ ≤ 10), then those the last step left in
/// place (|xᵢ·Δ| ≤ 0.1) — the projection makes those rows' mᵢ vanish, which is what quasi-separation asks of the
/// observations on the boundary. A verified direction is a certificate, so Complete and Quasi are never reported
/// for data that are not separated (up to the relative 1e-11); a separation the candidates miss is reported as None.
/// R's own warning (a fitted μ within 10·DBL_EPSILON of 0 or 1) is not used: it also fires for a finite fit with one
/// extreme observation and stays silent for many quasi-separated fits (a factor level with one outcome only).
/// </summary>
internal static class SeparationCheck
{
    /// <summary>
    /// Relative margin within which sᵢ·xᵢ·d counts as zero (relative to Σⱼ|xᵢⱼdⱼ|), and below which a column's
    /// largest contribution maxᵢ|xᵢⱼdⱼ| counts as rounding noise of the direction (relative to the largest column's).
    /// </summary>
    private const double Margin = 1e-11;

    /// <summary>sᵢηᵢ beyond which an observation counts as fitted at 0 or 1 (μ within 5e-5).</summary>
    private const double Saturated = 10;

    /// <summary>
    /// |xᵢ·Δ| (Δ the last IRLS step) up to which an observation counts as settled: observations that separation
    /// drives off move their η by about 1 per iteration, settled ones by far less once glm.fit stops.
    /// </summary>
    private const double Settled = 0.1;

    /// <summary>dqrdc2's column tolerance for the null space of the boundary rows (lm's qr tolerance).</summary>
    private const double NullTolerance = 1e-7;

    private enum Boundary
    {
        /// <summary>Rows with sᵢηᵢ ≤ <see cref="Saturated"/>.</summary>
        NotSaturated,

        /// <summary>Rows with |xᵢ·Δ| ≤ <see cref="Settled"/>.</summary>
        NotMoving,
    }

    public static Separation Classify(
        IReadOnlyList<double[]> columns,
        ReadOnlySpan<double> y,
        double[] eta,
        double[] coefficients,
        double[]? previous,
        bool[] aliased,
        CancellationToken cancellationToken)
    {
        var kept = Enumerable.Range(0, columns.Count).Where(j => !aliased[j]).ToArray();
        var design = kept.Select(j => columns[j]).ToArray();
        var beta = kept.Select(j => coefficients[j]).ToArray();
        var scales = design.Select(column => column.Max(Math.Abs)).ToArray();
        var verdict = Check(design, y, beta, scales);
        if (verdict != Separation.None || kept.Length == 0)
        {
            return verdict;
        }

        var step = previous is null ? null : kept.Select(j => coefficients[j] - previous[j]).ToArray();
        double[][] candidates = step is null ? [beta] : [beta, step];
        foreach (var boundary in new[] { Boundary.NotSaturated, Boundary.NotMoving })
        {
            if (boundary == Boundary.NotMoving && step is null)
            {
                continue;
            }

            verdict = Projected(design, scales, y, eta, step, boundary, candidates, cancellationToken);
            if (verdict != Separation.None)
            {
                return verdict;
            }
        }

        return Separation.None;
    }

    /// <summary>
    /// Takes the rows on the presumed boundary, the numerical null space of their design (QR with weight 1 for
    /// them, 0 for the rest), and checks each candidate projected onto it. None when every row is on the boundary
    /// (nothing diverges) or the null space is empty.
    /// </summary>
    private static Separation Projected(
        double[][] design,
        double[] scales,
        ReadOnlySpan<double> y,
        double[] eta,
        double[]? step,
        Boundary boundary,
        double[][] candidates,
        CancellationToken cancellationToken)
    {
        var off = false;
        for (var row = 0; row < y.Length && !off; row++)
        {
            off = !OnBoundary(design, y, eta, step, boundary, row);
        }

        if (!off)
        {
            return Separation.None;
        }

        var qr = new WeightedQr(design.Length);
        var weights = new double[WeightedQr.BlockRows];
        var zeros = new double[WeightedQr.BlockRows];
        for (var start = 0; start < y.Length; start += WeightedQr.BlockRows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = Math.Min(WeightedQr.BlockRows, y.Length - start);
            for (var i = 0; i < length; i++)
            {
                weights[i] = OnBoundary(design, y, eta, step, boundary, start + i) ? 1 : 0;
            }

            qr.AddRows(design, start, weights.AsSpan(0, length), zeros.AsSpan(0, length));
        }

        var basis = qr.NullSpace(NullTolerance);
        foreach (var candidate in basis.Length == 0 ? [] : candidates)
        {
            var projected = new double[design.Length];
            foreach (var b in basis)
            {
                var weight = Vectors.Dot(b, candidate);
                for (var j = 0; j < projected.Length; j++)
                {
                    projected[j] += weight * b[j];
                }
            }

            var verdict = Check(design, y, projected, scales);
            if (verdict != Separation.None)
            {
                return verdict;
            }
        }

        return Separation.None;
    }

    private static bool OnBoundary(double[][] design, ReadOnlySpan<double> y, double[] eta, double[]? step, Boundary boundary, int row) =>
        boundary == Boundary.NotSaturated
            ? Sign(y[row]) * eta[row] <= Saturated
            : Math.Abs(Dot(design, row, step!)) <= Settled;

    private static double Dot(double[][] design, int row, double[] direction)
    {
        var sum = 0.0;
        for (var j = 0; j < design.Length; j++)
        {
            sum += design[j][row] * direction[j];
        }

        return sum;
    }

    private static double Sign(double y) => y == 1 ? 1 : -1;

    /// <summary>Complete, Quasi or None for one direction, as in the class summary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Separation Check(double[][] design, ReadOnlySpan<double> y, double[] direction, double[] columnScales)
    {
        // Components whose whole column contributes at rounding level are noise of the computed direction: zero them.
        var d = (double[])direction.Clone();
        var largest = 0.0;
        for (var j = 0; j < d.Length; j++)
        {
            largest = Math.Max(largest, Math.Abs(d[j]) * columnScales[j]);
        }

        if (largest == 0 || !double.IsFinite(largest))
        {
            return Separation.None;
        }

        for (var j = 0; j < d.Length; j++)
        {
            if (Math.Abs(d[j]) * columnScales[j] < Margin * largest)
            {
                d[j] = 0;
            }
        }

        var all = true;
        var any = false;
        for (var i = 0; i < y.Length; i++)
        {
            double m = 0, scale = 0;
            for (var j = 0; j < design.Length; j++)
            {
                var term = design[j][i] * d[j];
                m += term;
                scale += Math.Abs(term);
            }

            m *= Sign(y[i]);
            var margin = Margin * scale;
            if (m < -margin)
            {
                return Separation.None;
            }

            var above = m > margin;
            all &= above;
            any |= above;
        }

        return all ? Separation.Complete : any ? Separation.Quasi : Separation.None;
    }
}
