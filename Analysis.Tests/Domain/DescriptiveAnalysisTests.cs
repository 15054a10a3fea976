namespace Analysis.Tests.Domain;

/// <summary>Expected values from R 4.2.2 (scripts in comments): mean, sd, min, quantile(type 7), median, max.</summary>
public sealed class DescriptiveAnalysisTests
{
    private const double Tolerance = 1e-12;

    private static ColumnSummary Describe(params double[] values)
    {
        var data = new Dataset([new NumericColumn("v", values)]);
        var result = DescriptiveAnalysis.Run(new DescriptiveSpec(["v"]), data, CancellationToken.None);
        return result.Columns["v"];
    }

    private static void AssertSummary(ColumnSummary actual, int count, int missing, double[] expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(actual.Count, Is.EqualTo(count));
            Assert.That(actual.Missing, Is.EqualTo(missing));
            double[] got = [actual.Mean, actual.Std, actual.Min, actual.Q1, actual.Median, actual.Q3, actual.Max];
            string[] names = ["mean", "std", "min", "q1", "median", "q3", "max"];
            for (var i = 0; i < got.Length; i++)
            {
                Assert.That(got[i], Is.EqualTo(expected[i]).Within(Tolerance * Math.Max(1, Math.Abs(expected[i]))), names[i]);
            }
        });
    }

    [Test]
    public void Run_OnSleepExtra_MatchesR()
    {
        // R: x <- sleep$extra; mean(x); sd(x); min(x); quantile(x, c(.25,.5,.75)); max(x)
        var summary = Describe(0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0, 1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4);

        AssertSummary(summary, 20, 0, [1.54, 2.0179197209007103, -1.6, -0.025, 0.95000000000000007, 3.4, 5.5]);
    }

    [Test]
    public void Run_WithMissingValues_DescribesTheRest()
    {
        // R: y <- c(3.1, NA, 2.7, 5.9, NA, 1e6, -4.25, 2.7, 0.001, 7); v <- y[!is.na(y)]
        //    mean(v); sd(v); quantile(v, c(.25,.5,.75))
        var summary = Describe(3.1, double.NaN, 2.7, 5.9, double.NaN, 1e6, -4.25, 2.7, 0.001, 7);

        AssertSummary(summary, 8, 2,
            [125002.14387499999, 353552.52435393789, -4.25, 2.0252500000000002, 2.9000000000000004, 6.1750000000000007, 1000000]);
    }

    [Test]
    public void Run_WithLargeOffset_KeepsPrecision()
    {
        // R: z <- 1e9 + 1:4; sd(z) = 1.2909944487358056 (a one-pass sum of squares loses this)
        var summary = Describe(1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4);

        AssertSummary(summary, 4, 0, [1000000002.5, 1.2909944487358056, 1e9 + 1, 1000000001.75, 1000000002.5, 1000000003.25, 1e9 + 4]);
    }

    [Test]
    public void Run_WhenColumnAllMissing_GivesNullStatisticsAndAWarning()
    {
        var data = new Dataset([new NumericColumn("v", [double.NaN, double.NaN])]);

        var result = DescriptiveAnalysis.Run(new DescriptiveSpec(["v"]), data, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Columns["v"].Count, Is.EqualTo(0));
            Assert.That(result.Columns["v"].Missing, Is.EqualTo(2));
            Assert.That(double.IsNaN(result.Columns["v"].Mean), Is.True);
            Assert.That(result.Warnings, Has.Exactly(1).Contains("'v' has no values"));
        });
    }

    [Test]
    public void Run_WhenOneValue_HasNullSdAndAWarning()
    {
        var data = new Dataset([new NumericColumn("v", [4.5])]);

        var result = DescriptiveAnalysis.Run(new DescriptiveSpec(["v"]), data, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Columns["v"].Mean, Is.EqualTo(4.5));
            Assert.That(result.Columns["v"].Median, Is.EqualTo(4.5));
            Assert.That(double.IsNaN(result.Columns["v"].Std), Is.True);
            Assert.That(result.Warnings, Has.Exactly(1).Contains("standard deviation is null"));
        });
    }

    [Test]
    public void Highlight_NamesMeanAndSd()
    {
        var data = new Dataset([new NumericColumn("extra", [1, 2, 3, 4])]);

        var result = DescriptiveAnalysis.Run(new DescriptiveSpec(["extra"]), data, CancellationToken.None);

        Assert.That(result.Highlight, Is.EqualTo("descriptive extra: n = 4; extra mean = 2.5, sd = 1.291"));
    }

    [Test]
    public void Run_WhenCancelled_Throws()
    {
        var data = new Dataset([new NumericColumn("v", [1, 2])]);

        Assert.Throws<OperationCanceledException>(() =>
            DescriptiveAnalysis.Run(new DescriptiveSpec(["v"]), data, new CancellationToken(canceled: true)));
    }
}
