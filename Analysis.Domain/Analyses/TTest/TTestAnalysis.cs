using System.Runtime.InteropServices;

namespace Analysis.Domain.Analyses.TTest;

/// <summary>Welch, Student, one-sample and paired t-tests with confidence intervals, as R's t.test.</summary>
public static class TTestAnalysis
{
    public static TTestResult Run(TTestSpec spec, Dataset data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return spec switch
        {
            TwoSampleTTestSpec s => TwoSample(s, data),
            OneSampleTTestSpec s => OneSample(s, data),
            PairedTTestSpec s => Paired(s, data),
            _ => throw new ArgumentException($"Unknown t-test {spec.GetType().Name}.", nameof(spec)),
        };
    }

    private static TTestResult TwoSample(TwoSampleTTestSpec spec, Dataset data)
    {
        var values = (NumericColumn)data.Find(spec.Column)!;
        var grouping = Grouping.Build(data.Find(spec.GroupBy)!)!;
        var first = spec.Groups is { } g ? grouping.IndexOf(g[0]) : 0;
        var second = spec.Groups is { } h ? grouping.IndexOf(h[1]) : 1;
        var (x, y) = (new List<double>(), new List<double>());
        for (var r = 0; r < values.Values.Length; r++)
        {
            var v = values.Values[r];
            var code = grouping.Codes[r];
            if (!double.IsNaN(v) && code >= 0)
            {
                (code == first ? x : code == second ? y : null)?.Add(v);
            }
        }

        var n = x.Count + y.Count;
        var scale = Scaling.For(Scaling.Largest(CollectionsMarshal.AsSpan(x)), Scaling.Largest(CollectionsMarshal.AsSpan(y)));
        ScaleInPlace(x, scale);
        ScaleInPlace(y, scale);
        var (nameX, nameY) = (grouping.Levels[first], grouping.Levels[second]);
        var warnings = new List<string>();
        if (spec.EqualVariance)
        {
            // R's t.test: the pooled test takes a group of one (it adds nothing to the pooled variance),
            // as long as some degree of freedom is left.
            RequireOne(x.Count, nameX, n);
            RequireOne(y.Count, nameY, n);
            if (n < 3)
            {
                throw new AnalysisNotComputableException("The two groups have 2 values between them; a pooled t-test needs at least 3.", n);
            }
        }
        else
        {
            RequireTwo(x.Count, $"Group '{nameX}'", n);
            RequireTwo(y.Count, $"Group '{nameY}'", n);
        }

        var (mx, vx) = MeanVariance(x);
        var (my, vy) = MeanVariance(y);
        double df, stderr;
        if (spec.EqualVariance)
        {
            df = n - 2;
            var pooled = ((x.Count > 1 ? (x.Count - 1) * vx : 0) + (y.Count > 1 ? (y.Count - 1) * vy : 0)) / df;
            stderr = Math.Sqrt(pooled * ((1.0 / x.Count) + (1.0 / y.Count)));
            foreach (var (name, count) in new[] { (nameX, x.Count), (nameY, y.Count) }.Where(g => g.Item2 == 1))
            {
                warnings.Add($"Group '{name}' has one value: its standard deviation is null.");
            }
        }
        else
        {
            var (sx, sy) = (vx / x.Count, vy / y.Count);
            stderr = Math.Sqrt(sx + sy);
            df = (sx + sy) * (sx + sy) / ((sx * sx / (x.Count - 1)) + (sy * sy / (y.Count - 1)));
        }

        RequireVariation(stderr, Math.Max(Math.Abs(mx), Math.Abs(my)), n);
        var groups = new[]
        {
            new GroupSummary(nameX, x.Count, mx, Math.Sqrt(vx)), new GroupSummary(nameY, y.Count, my, Math.Sqrt(vy)),
        };
        var pooledSd = Math.Sqrt(((x.Count > 1 ? (x.Count - 1) * vx : 0) + (y.Count > 1 ? (y.Count - 1) * vy : 0)) / (n - 2));
        return Unscale(Result(spec, spec.EqualVariance ? "student" : "welch", mx - my, 0, stderr, df, groups, n) with
        {
            CohensD = (mx - my) / pooledSd,
            EffectSizes = EffectSizes.CohensDAndHedgesG(mx - my, pooledSd, pooledSd * Math.Sqrt((1.0 / x.Count) + (1.0 / y.Count)), n - 2,
                (1.0 / x.Count) + (1.0 / y.Count), spec.ConfidenceLevel),
            Checks = spec.WithChecks
                ? AssumptionChecks.Of([(nameX, x.ToArray()), (nameY, y.ToArray())], [x.ToArray(), y.ToArray()], $"'{nameX}' and '{nameY}'")
                : null,
            Column = spec.Column,
            GroupBy = spec.GroupBy,
            Warnings = warnings.Count == 0 ? null : warnings,
        }, scale);
    }

    private static TTestResult OneSample(OneSampleTTestSpec spec, Dataset data)
    {
        var x = new List<double>(((NumericColumn)data.Find(spec.Column)!).Present());
        RequireTwo(x.Count, $"Column '{spec.Column}'", x.Count);
        var scale = Scaling.For(Scaling.Largest(CollectionsMarshal.AsSpan(x)), spec.Mu);
        ScaleInPlace(x, scale);
        var mu = spec.Mu / scale;
        var (mean, variance) = MeanVariance(x);
        var stderr = Math.Sqrt(variance / x.Count);
        RequireVariation(stderr, Math.Abs(mean), x.Count);
        return Unscale(Result(spec, "one-sample", mean, mu, stderr, x.Count - 1, null, x.Count) with
        {
            CohensD = (mean - mu) / Math.Sqrt(variance),
            EffectSizes = EffectSizes.CohensDAndHedgesG(mean - mu, Math.Sqrt(variance), stderr, x.Count - 1, 1.0 / x.Count, spec.ConfidenceLevel),
            Column = spec.Column,
        }, scale) with
        {
            Mu = spec.Mu,
        };
    }

    private static TTestResult Paired(PairedTTestSpec spec, Dataset data)
    {
        var (differences, scale) = PairedDifferences.Of(data, spec.First, spec.Second);
        var d = new List<double>(differences);

        RequireTwo(d.Count, "The paired columns", d.Count, what: "complete pairs");
        var (mean, variance) = MeanVariance(d);
        var stderr = Math.Sqrt(variance / d.Count);
        RequireVariation(stderr, Math.Abs(mean), d.Count);
        return Unscale(Result(spec, "paired", mean, 0, stderr, d.Count - 1, null, d.Count) with
        {
            CohensD = mean / Math.Sqrt(variance),
            EffectSizes = EffectSizes.CohensDAndHedgesG(mean, Math.Sqrt(variance), stderr, d.Count - 1, 1.0 / d.Count, spec.ConfidenceLevel),
            Columns = [spec.First, spec.Second],
        }, scale);
    }

    private static TTestResult Result(
        TTestSpec spec, string kind, double estimate, double mu, double stderr, double df, IReadOnlyList<GroupSummary>? groups, int n)
    {
        var t = (estimate - mu) / stderr;
        var alpha = 1 - spec.ConfidenceLevel;
        var half = Distributions.StudentTQuantile(1 - (alpha / 2), df) * stderr;
        var centre = estimate;
        return new TTestResult(
            kind, null, null, null, null, t, df, Distributions.StudentTTwoSided(t, df),
            [centre - half, centre + half], spec.ConfidenceLevel, estimate, groups, n, spec.Title);
    }

    /// <summary>Values so large that their squares overflow are tested scaled by a power of two (<see cref="Scaling"/>).</summary>
    private static void ScaleInPlace(List<double> values, double scale)
    {
        if (scale != 1)
        {
            var span = CollectionsMarshal.AsSpan(values);
            for (var i = 0; i < span.Length; i++)
            {
                span[i] /= scale;
            }
        }
    }

    /// <summary>The numbers in the data's units again: t, df, p and d do not change with the scale.</summary>
    private static TTestResult Unscale(TTestResult r, double scale) => scale == 1 ? r : r with
    {
        Estimate = r.Estimate * scale,
        ConfidenceInterval = [r.ConfidenceInterval[0] * scale, r.ConfidenceInterval[1] * scale],
        Groups = r.Groups is null ? null : [.. r.Groups.Select(g => g with { Mean = g.Mean * scale, Std = g.Std * scale })],
    };

    private static (double Mean, double Variance) MeanVariance(List<double> values)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values);
        var mean = Moments.Mean(span);
        return (mean, Moments.Variance(span, mean));
    }

    private static void RequireOne(int count, string group, int n)
    {
        if (count == 0)
        {
            throw new AnalysisNotComputableException($"Group '{group}' has no values in the complete rows.", n);
        }
    }

    private static void RequireTwo(int count, string who, int n, string what = "values")
    {
        if (count < 2)
        {
            throw new AnalysisNotComputableException(
                $"{who} has {count} {(count == 1 ? what.TrimEnd('s') : what)}; a t-test needs at least 2.", n);
        }
    }

    /// <summary>R's t.test refuses "essentially constant" data: a standard error below 10·ε·|mean| (<paramref name="size"/>).</summary>
    internal static bool EssentiallyConstant(double stderr, double size) =>
        stderr < 10 * double.Epsilon || stderr < 10 * 2.220446049250313e-16 * size;

    private static void RequireVariation(double stderr, double scale, int n)
    {
        if (EssentiallyConstant(stderr, scale))
        {
            throw new AnalysisNotComputableException("The data are essentially constant: the t statistic is undefined.", n);
        }
    }
}
