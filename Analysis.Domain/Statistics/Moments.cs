using System.Numerics;
using System.Runtime.CompilerServices;

namespace Analysis.Domain.Statistics;

/// <summary>Mean and variance by the corrected two-pass algorithm (as R computes them), vectorised.</summary>
public static class Moments
{
    public static double Mean(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        var sum = Sum(values);
        if (!double.IsFinite(sum))
        {
            // Values near the largest double overflow their sum (R's long double does not): the same mean, computed
            // on the values scaled by a power of two.
            var scale = Scaling.For(values);
            if (scale != 1)
            {
                return Mean(Scaling.Divide(values.ToArray(), scale)) * scale;
            }
        }

        var mean = sum / values.Length;

        // Second pass: the mean of the residuals corrects the rounding of the first (R's mean.default).
        var (residual, _) = CentredSums(values, mean);
        return mean + (residual / values.Length);
    }

    /// <summary>
    /// Sample standard deviation (n − 1); NaN below two values. Where the squares overflow (values beyond about
    /// 1e154) or underflow (all below about 1e-154) it is computed on the values scaled by a power of two, so it is
    /// finite and not zero whenever the SD itself is.
    /// </summary>
    public static double StandardDeviation(ReadOnlySpan<double> values, double mean)
    {
        const double SmallestSafe = 1e-280; // squares of deviations smaller than about 1e-154 lose digits or vanish
        var variance = Variance(values, mean);
        if (values.Length < 2 || (double.IsFinite(variance) && variance >= SmallestSafe))
        {
            return Math.Sqrt(variance);
        }

        var scale = Scaling.For(Scaling.Largest(values), mean);
        if (scale == 1)
        {
            return Math.Sqrt(variance);
        }

        var scaled = Scaling.Divide(values.ToArray(), scale);
        return Math.Sqrt(Variance(scaled, mean / scale)) * scale;
    }

    /// <summary>Sample variance (n − 1); NaN below two values.</summary>
    public static double Variance(ReadOnlySpan<double> values, double mean)
    {
        var n = values.Length;
        if (n < 2)
        {
            return double.NaN;
        }

        // Corrected two-pass: subtracting (Σd)²/n removes the error left by an inexact mean.
        var (sum, sumSquares) = CentredSums(values, mean);
        var variance = (sumSquares - (sum * sum / n)) / (n - 1);
        return variance < 0 ? 0 : variance;
    }

    /// <summary>Σx with several vector accumulators (a partly pairwise order, so less rounding than a plain loop).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Sum(ReadOnlySpan<double> values)
    {
        var i = 0;
        var width = Vector<double>.Count;
        var (a, b) = (Vector<double>.Zero, Vector<double>.Zero);
        for (; i <= values.Length - (2 * width); i += 2 * width)
        {
            a += new Vector<double>(values[i..]);
            b += new Vector<double>(values[(i + width)..]);
        }

        var sum = Vector.Sum(a + b);
        for (; i < values.Length; i++)
        {
            sum += values[i];
        }

        return sum;
    }

    /// <summary>Σ(x − c) and Σ(x − c)² in one pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Sum, double SumSquares) CentredSums(ReadOnlySpan<double> values, double centre)
    {
        var i = 0;
        var width = Vector<double>.Count;
        var c = new Vector<double>(centre);
        var (s, q) = (Vector<double>.Zero, Vector<double>.Zero);
        for (; i <= values.Length - width; i += width)
        {
            var d = new Vector<double>(values[i..]) - c;
            s += d;
            q += d * d;
        }

        var (sum, squares) = (Vector.Sum(s), Vector.Sum(q));
        for (; i < values.Length; i++)
        {
            var d = values[i] - centre;
            sum += d;
            squares += d * d;
        }

        return (sum, squares);
    }

    /// <summary>Smallest and largest value of a span without NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Min, double Max) Range(ReadOnlySpan<double> values)
    {
        var i = 0;
        var width = Vector<double>.Count;
        var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
        if (values.Length >= width)
        {
            var (vmin, vmax) = (new Vector<double>(values), new Vector<double>(values));
            for (i = width; i <= values.Length - width; i += width)
            {
                var v = new Vector<double>(values[i..]);
                vmin = Vector.Min(vmin, v);
                vmax = Vector.Max(vmax, v);
            }

            for (var k = 0; k < width; k++)
            {
                min = Math.Min(min, vmin[k]);
                max = Math.Max(max, vmax[k]);
            }
        }

        for (; i < values.Length; i++)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }

        return (min, max);
    }
}
