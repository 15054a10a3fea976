using System.Numerics;
using System.Runtime.CompilerServices;

namespace Analysis.Domain.Statistics;

/// <summary>
/// The weighted least-squares step of R's glm.fit (<c>Cdqrls(x * w, z * w, tol)</c>) for a tall, narrow design.
/// The R factor of [√w·X | √w·z] is accumulated block by block with Householder reflections (the previous R
/// stacked over the next block of rows), so memory is one block and the data are read once per step. The small
/// triangle is then reduced with R's limited column pivoting (LINPACK dqrdc2): working left to right, a column
/// whose norm orthogonal to the columns kept before it is below tol × its own norm is moved to the end and
/// counted as aliased. Both norms are invariant under the orthogonal transformations, so the decisions are those
/// dqrdc2 makes on the full n-row matrix.
/// </summary>
internal sealed class WeightedQr
{
    /// <summary>Rows handed to <see cref="AddRows"/> at a time, at most.</summary>
    public const int BlockRows = 512;

    private readonly int _p;
    private readonly int _q;
    private readonly double[][] _work;
    private readonly double[,] _r;

    /// <summary>A workspace for <paramref name="p"/> design columns and one response column.</summary>
    public WeightedQr(int p)
    {
        _p = p;
        _q = p + 1;
        _work = new double[_q][];
        for (var j = 0; j < _q; j++)
        {
            _work[j] = new double[_q + BlockRows];
        }

        _r = new double[_q, _q];
    }

    /// <summary>Forgets every row added so far.</summary>
    public void Reset() => Array.Clear(_r);

    /// <summary>
    /// Adds the rows <paramref name="start"/> .. start + sqrtWeights.Length − 1: row i of column j enters as
    /// columns[j][start + i]·sqrtWeights[i], the response as z[i]·sqrtWeights[i].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddRows(IReadOnlyList<double[]> columns, int start, ReadOnlySpan<double> sqrtWeights, ReadOnlySpan<double> z)
    {
        var length = sqrtWeights.Length;
        if (length > BlockRows || z.Length != length || columns.Count != _p)
        {
            throw new ArgumentException("A block holds at most BlockRows rows of every column.", nameof(sqrtWeights));
        }

        for (var j = 0; j < _q; j++)
        {
            var column = _work[j];
            for (var i = 0; i < _q; i++)
            {
                column[i] = i <= j ? _r[i, j] : 0;
            }

            var source = j < _p ? columns[j].AsSpan(start, length) : z;
            Multiply(source, sqrtWeights, column.AsSpan(_q, length));
        }

        Triangularise(_work, _q, _q + length);
        for (var j = 0; j < _q; j++)
        {
            for (var i = 0; i <= j; i++)
            {
                _r[i, j] = _work[j][i];
            }
        }
    }

    /// <summary>
    /// The least-squares coefficients of √w·z on √w·X for the columns kept (0 for aliased ones, as Cdqrls leaves
    /// them), and the unscaled standard errors √diag((R₁₁ᵀR₁₁)⁻¹) (R: <c>chol2inv(qr$qr[p1, p1])</c>; NaN aliased).
    /// </summary>
    public WeightedQrSolution Solve(double tolerance)
    {
        var reduction = Reduce(tolerance);
        var (a, qty, order, rank) = (reduction.Columns, reduction.Qty, reduction.Order, reduction.Rank);

        var solution = new double[rank];
        for (var i = rank - 1; i >= 0; i--)
        {
            var sum = qty[i];
            for (var j = i + 1; j < rank; j++)
            {
                sum -= a[j][i] * solution[j];
            }

            solution[i] = sum / a[i][i];
        }

        // T⁻¹ of the kept triangle, column by column; the covariance T⁻¹T⁻ᵀ has the squared row norms on its diagonal.
        var inverse = new double[rank, rank];
        for (var c = 0; c < rank; c++)
        {
            inverse[c, c] = 1 / a[c][c];
            for (var i = c - 1; i >= 0; i--)
            {
                var sum = 0.0;
                for (var j = i + 1; j <= c; j++)
                {
                    sum += a[j][i] * inverse[j, c];
                }

                inverse[i, c] = -sum / a[i][i];
            }
        }

        var coefficients = new double[_p];
        var stdErrors = new double[_p];
        var aliased = new bool[_p];
        for (var k = 0; k < _p; k++)
        {
            var column = order[k];
            if (k < rank)
            {
                coefficients[column] = solution[k];
                var sum = 0.0;
                for (var c = k; c < rank; c++)
                {
                    sum += inverse[k, c] * inverse[k, c];
                }

                stdErrors[column] = Math.Sqrt(sum);
            }
            else
            {
                stdErrors[column] = double.NaN;
                aliased[column] = true;
            }
        }

        return new WeightedQrSolution(coefficients, stdErrors, aliased, rank);
    }

    /// <summary>
    /// An orthonormal basis (each vector of length p) of the directions d with √w·X·d = 0 up to the column
    /// tolerance: one vector per aliased column, which it expresses through the columns kept.
    /// </summary>
    public double[][] NullSpace(double tolerance)
    {
        var reduction = Reduce(tolerance);
        var (a, order, rank) = (reduction.Columns, reduction.Order, reduction.Rank);
        var basis = new List<double[]>();
        for (var k = rank; k < _p; k++)
        {
            // Least squares of the aliased column on the kept ones: T₁₁·c = (Qᵀa)₁..rank; d = e_k − Σ c_i e_i.
            var c = new double[rank];
            for (var i = rank - 1; i >= 0; i--)
            {
                var sum = a[k][i];
                for (var j = i + 1; j < rank; j++)
                {
                    sum -= a[j][i] * c[j];
                }

                c[i] = sum / a[i][i];
            }

            var d = new double[_p];
            d[order[k]] = 1;
            for (var i = 0; i < rank; i++)
            {
                d[order[i]] = -c[i];
            }

            // Modified Gram–Schmidt against the vectors so far, twice for orthogonality to working precision.
            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var b in basis)
                {
                    var projection = Vectors.Dot(b, d);
                    for (var i = 0; i < _p; i++)
                    {
                        d[i] -= projection * b[i];
                    }
                }
            }

            var norm = Math.Sqrt(Vectors.Dot(d, d));
            if (norm > 0)
            {
                for (var i = 0; i < _p; i++)
                {
                    d[i] /= norm;
                }

                basis.Add(d);
            }
        }

        return [.. basis];
    }

    /// <summary>dqrdc2's limited pivoting on the accumulated p × p triangle, with Qᵀ applied to the response too.</summary>
    private Reduction Reduce(double tolerance)
    {
        var p = _p;
        var a = new double[p][];
        var norms = new double[p];
        var order = new int[p];
        for (var j = 0; j < p; j++)
        {
            a[j] = new double[p];
            for (var i = 0; i <= j; i++)
            {
                a[j][i] = _r[i, j];
            }

            order[j] = j;
            var norm = Math.Sqrt(Vectors.Dot(a[j], a[j]));
            norms[j] = norm == 0 ? 1 : norm;
        }

        var qty = new double[p];
        for (var i = 0; i < p; i++)
        {
            qty[i] = _r[i, p];
        }

        var rank = p;
        for (var l = 0; l < rank; l++)
        {
            while (l < rank && Norm(a[l].AsSpan(l)) < norms[l] * tolerance)
            {
                MoveToEnd(a, l);
                MoveToEnd(norms, l);
                MoveToEnd(order, l);
                rank--;
            }

            if (l < rank)
            {
                Reflect(a, qty, l);
            }
        }

        return new Reduction(a, qty, order, rank);
    }

    /// <summary>Householder reflection of rows l.. that zeroes column l below the diagonal, applied to the columns after it and to qty.</summary>
    private static void Reflect(double[][] a, double[] qty, int l)
    {
        var x = a[l].AsSpan(l);
        var norm = Norm(x);
        if (norm == 0 || x.Length == 1)
        {
            return;
        }

        var alpha = x[0] >= 0 ? -norm : norm;
        x[0] -= alpha;
        var vv = Vectors.Dot(x, x);
        for (var j = l + 1; j < a.Length; j++)
        {
            var target = a[j].AsSpan(l);
            Vectors.Axpy(-2 * Vectors.Dot(x, target) / vv, x, target);
        }

        var rest = qty.AsSpan(l);
        Vectors.Axpy(-2 * Vectors.Dot(x, rest) / vv, x, rest);
        x[0] = alpha;
        x[1..].Clear();
    }

    private static void MoveToEnd<T>(T[] values, int index)
    {
        var moved = values[index];
        Array.Copy(values, index + 1, values, index, values.Length - index - 1);
        values[^1] = moved;
    }

    private static double Norm(ReadOnlySpan<double> x) => Math.Sqrt(Vectors.Dot(x, x));

    /// <summary>Householder QR in place on the first m rows of the columns; leaves R on top.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Triangularise(double[][] a, int q, int m)
    {
        for (var k = 0; k < q; k++)
        {
            var x = a[k].AsSpan(k, m - k);
            var norm = Norm(x);
            if (norm == 0)
            {
                continue;
            }

            var alpha = x[0] >= 0 ? -norm : norm;
            x[0] -= alpha;
            var vv = Vectors.Dot(x, x);
            for (var j = k + 1; j < q; j++)
            {
                var y = a[j].AsSpan(k, m - k);
                Vectors.Axpy(-2 * Vectors.Dot(x, y) / vv, x, y);
            }

            x[0] = alpha;
            x[1..].Clear();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Multiply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> result)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            for (; i <= x.Length - width; i += width)
            {
                (new Vector<double>(x[i..]) * new Vector<double>(y[i..])).CopyTo(result[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            result[i] = x[i] * y[i];
        }
    }

    private sealed record Reduction(double[][] Columns, double[] Qty, int[] Order, int Rank);
}
