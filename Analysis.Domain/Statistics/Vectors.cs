using System.Numerics;
using System.Runtime.CompilerServices;

namespace Analysis.Domain.Statistics;

/// <summary>The two vector kernels the least-squares code is built on, vectorised where the hardware allows.</summary>
internal static class Vectors
{
    /// <summary>x · y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var i = 0;
        var acc = Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            for (; i <= x.Length - width; i += width)
            {
                acc += new Vector<double>(x[i..]) * new Vector<double>(y[i..]);
            }
        }

        var sum = Vector.Sum(acc);
        for (; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    /// <summary>y += a·x (BLAS's axpy), in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<double>.Count;
            var scaled = new Vector<double>(a);
            for (; i <= x.Length - width; i += width)
            {
                (new Vector<double>(y[i..]) + (scaled * new Vector<double>(x[i..]))).CopyTo(y[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
