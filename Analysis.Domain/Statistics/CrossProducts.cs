using System.Runtime.CompilerServices;

namespace Analysis.Domain.Statistics;

/// <summary>
/// Means and centred sums of cross-products of several columns, computed once and shared by correlation and
/// regression. Two passes (means, then centred products) keep the precision that raw sums of squares lose.
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

        for (var a = 0; a < p; a++)
        {
            for (var b = 0; b < a; b++)
            {
                sums[a, b] = sums[b, a];
            }
        }

        return new CrossProducts(n, means, sums);
    }
}
