using System.Runtime.CompilerServices;

namespace Analysis.Domain.Statistics;

/// <summary>
/// Means and centred sums of cross-products of several columns, computed once and shared by correlation and
/// regression. Two passes (means, then centred products) keep the precision that raw sums of squares lose, and the
/// second corrects for the rounding of the means (the corrected two-pass algorithm): values far from zero against their
/// spread (3e15 + a spread of 18) have means that cannot hold the digits the spread needs.
/// </summary>
public sealed class CrossProducts
{
    private const int Block = 2048;

    private CrossProducts(int n, double[] means, double[,] centred)
    {
        N = n;
        Means = means;
        Centred = centred;
    }

    public int N { get; }

    public double[] Means { get; }

    /// <summary>Σ (xᵢ − x̄ᵢ)(xⱼ − x̄ⱼ) for every pair, symmetric.</summary>
    public double[,] Centred { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CrossProducts Compute(IReadOnlyList<double[]> columns, CancellationToken cancellationToken)
    {
        var p = columns.Count;
        var n = p == 0 ? 0 : columns[0].Length;
        var means = new double[p];
        for (var j = 0; j < p; j++)
        {
            means[j] = Moments.Mean(columns[j]);
        }

        var sums = new double[p, p];
        var residuals = new double[p];
        var buffer = new double[p][];
        for (var j = 0; j < p; j++)
        {
            buffer[j] = new double[Block];
        }

        // Row blocks keep the centred values of every column in cache while all pairs are summed.
        for (var start = 0; start < n; start += Block)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = Math.Min(Block, n - start);
            for (var j = 0; j < p; j++)
            {
                var source = columns[j].AsSpan(start, length);
                var target = buffer[j].AsSpan(0, length);
                var mean = means[j];
                for (var r = 0; r < length; r++)
                {
                    target[r] = source[r] - mean;
                }

                residuals[j] += Moments.Sum(target);
            }

            for (var a = 0; a < p; a++)
            {
                var x = buffer[a].AsSpan(0, length);
                for (var b = a; b < p; b++)
                {
                    sums[a, b] += Vectors.Dot(x, buffer[b].AsSpan(0, length));
                }
            }
        }

        // Σ(x − m)(y − m') − Σ(x − m)·Σ(y − m')/n is Σ(x − x̄)(y − ȳ) whatever the rounding of m and m'.
        for (var a = 0; a < p; a++)
        {
            for (var b = a; b < p; b++)
            {
                var corrected = sums[a, b] - (residuals[a] * residuals[b] / n);
                sums[a, b] = a == b ? Math.Max(corrected, 0) : corrected;
            }

            for (var b = 0; b < a; b++)
            {
                sums[a, b] = sums[b, a];
            }
        }

        return new CrossProducts(n, means, sums);
    }
}
