namespace Analysis.Domain.Statistics;

public static class Ranks
{
    /// <summary>Ranks 1..n with ties given their average rank (R: rank(x, ties.method = "average")).</summary>
    public static double[] Average(ReadOnlySpan<double> values, out bool hasTies)
    {
        var n = values.Length;
        var order = new int[n];
        var keys = values.ToArray();
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        var ranks = new double[n];
        hasTies = false;
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                hasTies = true;
            }

            // Positions start..end-1 hold equal values: each gets the mean of ranks start+1..end.
            var rank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end;
        }

        return ranks;
    }
}
