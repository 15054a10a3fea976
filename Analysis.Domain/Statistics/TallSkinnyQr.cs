using System.Runtime.CompilerServices;

namespace Analysis.Domain.Statistics;

/// <summary>
/// The R factor of a tall, narrow matrix (millions of rows, a handful of columns) by blocked Householder QR:
/// each block of rows is stacked under the R so far and triangularised again. Numerically as stable as the QR
/// R's lm uses, in one pass over the data, with memory for one block.
/// </summary>
public static class TallSkinnyQr
{
    private const int Block = 1024;

    /// <summary>
    /// R (upper triangular, <c>columns.Count</c> square) of the matrix whose column j is
    /// <c>columns[j][i] − centres[j]</c>, each row i times <c>rowScales[i]</c> when given (√w for weighted least
    /// squares). Only the magnitudes of R's rows are meaningful up to sign.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[,] Factor(IReadOnlyList<double[]> columns, double[] centres, CancellationToken cancellationToken, double[]? rowScales = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(centres);
        var p = columns.Count;
        var n = p == 0 ? 0 : columns[0].Length;
        var r = new double[p, p];

        // Working matrix, column-major: rows 0..p-1 hold R, rows p.. the next block.
        var work = new double[p][];
        for (var j = 0; j < p; j++)
        {
            work[j] = new double[p + Block];
        }

        for (var start = 0; start < n; start += Block)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = Math.Min(Block, n - start);
            var m = p + length;
            for (var j = 0; j < p; j++)
            {
                var column = work[j];
                for (var i = 0; i < p; i++)
                {
                    column[i] = r[i, j];
                }

                var source = columns[j].AsSpan(start, length);
                var centre = centres[j];
                if (rowScales is null)
                {
                    for (var i = 0; i < length; i++)
                    {
                        column[p + i] = source[i] - centre;
                    }
                }
                else
                {
                    var scales = rowScales.AsSpan(start, length);
                    for (var i = 0; i < length; i++)
                    {
                        column[p + i] = scales[i] * (source[i] - centre);
                    }
                }
            }

            Triangularise(work, p, m);
            for (var j = 0; j < p; j++)
            {
                for (var i = 0; i < p; i++)
                {
                    r[i, j] = i <= j ? work[j][i] : 0;
                }
            }
        }

        return r;
    }

    /// <summary>Householder reflections in place on the first m rows of the p columns; leaves R on top.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Triangularise(double[][] a, int p, int m)
    {
        for (var k = 0; k < p; k++)
        {
            var x = a[k].AsSpan(k, m - k);
            var norm = Math.Sqrt(Vectors.Dot(x, x));
            if (norm == 0)
            {
                continue;
            }

            // v = x + sign(x0)·‖x‖·e1, stored in x; the column becomes (−sign(x0)·‖x‖, 0, ...).
            var alpha = x[0] >= 0 ? -norm : norm;
            x[0] -= alpha;
            var vv = Vectors.Dot(x, x);
            for (var j = k + 1; j < p; j++)
            {
                var y = a[j].AsSpan(k, m - k);
                var factor = 2 * Vectors.Dot(x, y) / vv;
                Vectors.Axpy(-factor, x, y);
            }

            x[0] = alpha;
            x[1..].Clear();
        }
    }
}
