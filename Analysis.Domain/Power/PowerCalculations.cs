namespace Analysis.Domain.Power;

/// <summary>The t-test's kind for power (R: power.t.test's type).</summary>
public enum PowerTTestType
{
    TwoSample,
    OneSample,
    Paired,
}

/// <summary>
/// A t-test's power calculation (R: <c>power.t.test</c>): every quantity, the one asked for solved. <c>N</c> is per
/// group for two samples, the number of pairs when paired.
/// </summary>
public sealed record TPower(double N, double Delta, double Sd, double SigLevel, double Power, string Type, string Alternative, bool Strict,
    string SolvedFor, string Method, string? Note);

/// <summary>Two proportions' power calculation (R: <c>power.prop.test</c>); <c>N</c> per group.</summary>
public sealed record ProportionPower(double N, double P1, double P2, double SigLevel, double Power, string Alternative, bool Strict,
    string SolvedFor, string Method, string Note);

/// <summary>A balanced one-way ANOVA's power calculation (R: <c>power.anova.test</c>); <c>N</c> per group.</summary>
public sealed record AnovaPower(double Groups, double N, double BetweenVar, double WithinVar, double SigLevel, double Power,
    string SolvedFor, string Method, string Note);

/// <summary>
/// R's <c>power.t.test</c>, <c>power.prop.test</c> and <c>power.anova.test</c> (R 4.2): the same power functions
/// (noncentral t, the normal approximation for proportions, noncentral F), and the one quantity left null solved
/// by Brent's method to 1e-12 relative, searched in R's ranges (extended as R's <c>extendInt</c> extends them) — so a
/// solved value is the root R's <c>uniroot</c> approaches, which R stops at about 1e-4 (its default tolerance).
/// A result is null when no value in the range reaches the power asked for.
/// </summary>
public static class PowerCalculations
{
    private const double Tolerance = 1e-12;

    /// <summary>R: power.t.test(n, delta, sd, sig.level, power, type, alternative, strict); exactly one argument null.</summary>
    public static TPower? T(double? n, double? delta, double? sd, double? sigLevel, double? power, PowerTTestType type, bool oneSided, bool strict)
    {
        double tsample = type == PowerTTestType.TwoSample ? 2 : 1, tside = oneSided ? 1 : 2;
        if (!oneSided && delta is { } given)
        {
            delta = Math.Abs(given);
        }

        double Power(double n, double delta, double sd, double sig)
        {
            var nu = Math.Max(1e-7, n - 1) * tsample;
            var qu = Statistics.Noncentral.TUpperQuantile(sig / tside, nu);
            var ncp = Math.Sqrt(n / tsample) * delta / sd;
            var upper = Statistics.Noncentral.TUpper(qu, nu, ncp);
            return strict && tside == 2 ? upper + Statistics.Noncentral.TLower(-qu, nu, ncp) : upper;
        }

        string solved;
        if (power is null)
        {
            solved = "power";
            power = Power(n!.Value, delta!.Value, sd!.Value, sigLevel!.Value);
        }
        else if (n is null)
        {
            solved = "n";
            n = Solve(x => Power(x, delta!.Value, sd!.Value, sigLevel!.Value) - power.Value, 2, 1e7, Extend.Up);
        }
        else if (sd is null)
        {
            solved = "sd";
            sd = Solve(x => Power(n.Value, delta!.Value, x, sigLevel!.Value) - power.Value, delta!.Value * 1e-7, delta.Value * 1e7, Extend.Down);
        }
        else if (delta is null)
        {
            solved = "delta";
            delta = Solve(x => Power(n.Value, x, sd.Value, sigLevel!.Value) - power.Value, sd.Value * 1e-7, sd.Value * 1e7, Extend.Up);
        }
        else
        {
            solved = "sigLevel";
            sigLevel = Solve(x => Power(n.Value, delta.Value, sd.Value, x) - power.Value, 1e-10, 1 - 1e-10, Extend.None);
        }

        if (n is null || delta is null || sd is null || sigLevel is null || power is null)
        {
            return null;
        }

        var (name, note) = type switch
        {
            PowerTTestType.OneSample => ("One-sample", (string?)null),
            PowerTTestType.Paired => ("Paired", "n is number of *pairs*, sd is std.dev. of *differences* within pairs"),
            _ => ("Two-sample", "n is number in *each* group"),
        };
        return new TPower(n.Value, delta.Value, sd.Value, sigLevel.Value, power.Value,
            type switch { PowerTTestType.OneSample => "one.sample", PowerTTestType.Paired => "paired", _ => "two.sample" },
            oneSided ? "one.sided" : "two.sided", strict, solved, $"{name} t test power calculation", note);
    }

    /// <summary>R: power.prop.test(n, p1, p2, sig.level, power, alternative, strict); exactly one argument null.</summary>
    public static ProportionPower? Proportion(double? n, double? p1, double? p2, double? sigLevel, double? power, bool oneSided, bool strict)
    {
        double tside = oneSided ? 1 : 2;
        double Power(double n, double p1, double p2, double sig)
        {
            var qu = Statistics.Distributions.NormalQuantile(1 - (sig / tside));
            if (strict && tside == 2)
            {
                var d = Math.Abs(p1 - p2);
                double q1 = 1 - p1, q2 = 1 - p2, pbar = (p1 + p2) / 2, vbar = pbar * (1 - pbar), v = (p1 * q1) + (p2 * q2);
                return Statistics.Distributions.Normal(((Math.Sqrt(n) * d) - (qu * Math.Sqrt(2 * vbar))) / Math.Sqrt(v), lowerTail: true)
                    + Statistics.Distributions.Normal(((Math.Sqrt(n) * d) + (qu * Math.Sqrt(2 * vbar))) / Math.Sqrt(v), lowerTail: false);
            }

            return Statistics.Distributions.Normal(
                ((Math.Sqrt(n) * Math.Abs(p1 - p2)) - (qu * Math.Sqrt((p1 + p2) * (1 - ((p1 + p2) / 2))))) / Math.Sqrt((p1 * (1 - p1)) + (p2 * (1 - p2))),
                lowerTail: true);
        }

        string solved;
        if (power is null)
        {
            solved = "power";
            power = Power(n!.Value, p1!.Value, p2!.Value, sigLevel!.Value);
        }
        else if (n is null)
        {
            solved = "n";
            n = Solve(x => Power(x, p1!.Value, p2!.Value, sigLevel!.Value) - power.Value, 1, 1e7, Extend.Up);
        }
        else if (p1 is null)
        {
            solved = "p1";
            p1 = Solve(x => Power(n.Value, x, p2!.Value, sigLevel!.Value) - power.Value, 0, p2!.Value, Extend.None);
        }
        else if (p2 is null)
        {
            solved = "p2";
            p2 = Solve(x => Power(n.Value, p1.Value, x, sigLevel!.Value) - power.Value, p1.Value, 1, Extend.None);
        }
        else
        {
            solved = "sigLevel";
            sigLevel = Solve(x => Power(n.Value, p1.Value, p2.Value, x) - power.Value, 1e-10, 1 - 1e-10, Extend.None);
        }

        return n is null || p1 is null || p2 is null || sigLevel is null || power is null
            ? null
            : new ProportionPower(n.Value, p1.Value, p2.Value, sigLevel.Value, power.Value, oneSided ? "one.sided" : "two.sided", strict, solved,
                "Two-sample comparison of proportions power calculation", "n is number in *each* group");
    }

    /// <summary>R: power.anova.test(groups, n, between.var, within.var, sig.level, power); exactly one argument null.</summary>
    public static AnovaPower? Anova(double? groups, double? n, double? betweenVar, double? withinVar, double? sigLevel, double? power)
    {
        static double Power(double groups, double n, double between, double within, double sig)
        {
            var (d1, d2) = (groups - 1, (n - 1) * groups);
            var lambda = (groups - 1) * n * (between / within);
            return Statistics.Noncentral.FUpper(Statistics.Noncentral.FUpperQuantile(sig, d1, d2), d1, d2, lambda);
        }

        string solved;
        if (power is null)
        {
            solved = "power";
            power = Power(groups!.Value, n!.Value, betweenVar!.Value, withinVar!.Value, sigLevel!.Value);
        }
        else if (groups is null)
        {
            solved = "groups";
            groups = Solve(x => Power(x, n!.Value, betweenVar!.Value, withinVar!.Value, sigLevel!.Value) - power.Value, 2, 100, Extend.None);
        }
        else if (n is null)
        {
            solved = "n";
            n = Solve(x => Power(groups.Value, x, betweenVar!.Value, withinVar!.Value, sigLevel!.Value) - power.Value, 2, 1e5, Extend.None);
        }
        else if (withinVar is null)
        {
            solved = "withinVar";
            withinVar = Solve(x => Power(groups.Value, n.Value, betweenVar!.Value, x, sigLevel!.Value) - power.Value, betweenVar!.Value * 1e-7, betweenVar.Value * 1e7, Extend.None);
        }
        else if (betweenVar is null)
        {
            solved = "betweenVar";
            betweenVar = Solve(x => Power(groups.Value, n.Value, x, withinVar.Value, sigLevel!.Value) - power.Value, withinVar.Value * 1e-7, withinVar.Value * 1e7, Extend.None);
        }
        else
        {
            solved = "sigLevel";
            sigLevel = Solve(x => Power(groups.Value, n.Value, betweenVar.Value, withinVar.Value, x) - power.Value, 1e-10, 1 - 1e-10, Extend.None);
        }

        return groups is null || n is null || betweenVar is null || withinVar is null || sigLevel is null || power is null
            ? null
            : new AnovaPower(groups.Value, n.Value, betweenVar.Value, withinVar.Value, sigLevel.Value, power.Value, solved,
                "Balanced one-way analysis of variance power calculation", "n is number in each group");
    }

    private enum Extend
    {
        None,
        Up,
        Down,
    }

    /// <summary>
    /// The root in [low, high]; where there is none there, R's extendInt = "upX" widens the interval upward (the
    /// function increasing), "downX" for a decreasing one, by doubling its width, as far as a double goes.
    /// </summary>
    private static double? Solve(Func<double, double> f, double low, double high, Extend extend)
    {
        for (var i = 0; i < 60; i++)
        {
            if (Statistics.Roots.Brent(f, low, high, Tolerance) is { } root)
            {
                return root;
            }

            if (extend == Extend.None)
            {
                return null;
            }

            var width = high - low;
            if (extend == Extend.Up && f(high) < 0)
            {
                high += width;
            }
            else if (extend == Extend.Down && f(low) < 0)
            {
                low = Math.Max(low / 2, low - width);
            }
            else
            {
                return null;
            }
        }

        return null;
    }
}
