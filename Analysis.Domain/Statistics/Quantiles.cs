using System.Runtime.CompilerServices;

namespace Analysis.Domain.Statistics;

/// <summary>Order statistics by selection (introselect), without sorting the whole sample.</summary>
public static class Quantiles
{
    /// <summary>The median (type 7, as R's <c>median</c>), of a copy: <paramref name="values"/> is left as it is.</summary>
    public static double Median(ReadOnlySpan<double> values) => Type7(values.ToArray(), [0.5])[0];

    /// <summary>
    /// Quantiles of R's default definition (type 7) for ascending probabilities. Reorders <paramref name="values"/>
    /// in place; the span must hold no NaN.
    /// </summary>
    public static double[] Type7(Span<double> values, ReadOnlySpan<double> ascendingProbabilities)
    {
        var n = values.Length;
        var result = new double[ascendingProbabilities.Length];
        if (n == 0)
        {
            result.AsSpan().Fill(double.NaN);
            return result;
        }

        // Each selection leaves everything left of k at most values[k]; later k's only search the right part.
        var from = 0;
        for (var i = 0; i < ascendingProbabilities.Length; i++)
        {
            var h = (n - 1) * ascendingProbabilities[i];
            var lo = (int)Math.Floor(h);
            var fraction = h - lo;
            if (lo < from)
            {
                throw new ArgumentException("Probabilities must be ascending.", nameof(ascendingProbabilities));
            }

            Select(values, from, n - 1, lo);
            var low = values[lo];
            if (fraction == 0 || lo + 1 >= n)
            {
                result[i] = low;
            }
            else
            {
                // R's form, (1 − h)·x[lo] + h·x[hi], so results agree to the last bit.
                var high = Min(values[(lo + 1)..]);
                result[i] = high == low ? low : ((1 - fraction) * low) + (fraction * high);
            }

            from = lo;
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Min(ReadOnlySpan<double> values)
    {
        var min = double.PositiveInfinity;
        foreach (var v in values)
        {
            if (v < min)
            {
                min = v;
            }
        }

        return min;
    }

    /// <summary>Places the k-th smallest of values[left..right] at k (Hoare partition, median-of-three).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Select(Span<double> values, int left, int right, int k)
    {
        var depthBudget = 2 * (int)Math.Log2(Math.Max(2, right - left + 1));
        while (right > left)
        {
            if (right - left < 16 || depthBudget-- == 0)
            {
                // Small or adversarial ranges: a sort bounds the work at O(m log m).
                values[left..(right + 1)].Sort();
                return;
            }

            var mid = left + ((right - left) / 2);
            if (values[mid] < values[left])
            {
                Swap(values, mid, left);
            }

            if (values[right] < values[left])
            {
                Swap(values, right, left);
            }

            if (values[right] < values[mid])
            {
                Swap(values, right, mid);
            }

            var pivot = values[mid];
            var i = left;
            var j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    Swap(values, i, j);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return;
            }
        }
    }

    private static void Swap(Span<double> values, int a, int b) => (values[a], values[b]) = (values[b], values[a]);
}
