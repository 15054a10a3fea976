namespace Analysis.Tests.Domain;

/// <summary>Every analysis stops on a cancelled token (a cancel or delete reaches a running computation).</summary>
public sealed class AnalysisCancellationTests
{
    private static readonly Dataset Data = new([
        new NumericColumn("a", [1, 4, 2, 8, 5, 7]),
        new NumericColumn("b", [2, 3, 1, 9, 4, 6]),
        new CategoricalColumn("g", [0, 1, 0, 1, 0, 1], ["x", "y"]),
        new CategoricalColumn("h", [0, 0, 1, 1, 0, 1], ["p", "q"]),
    ]);

    private static IEnumerable<AnalysisSpec> Specs() =>
    [
        new DescriptiveSpec(["a", "b"]),
        new CorrelationSpec(["a", "b"], CorrelationMethod.Spearman),
        new TwoSampleTTestSpec("a", "g", null, false, 0.95),
        new AnovaSpec("a", "g"),
        new RegressionSpec("a", ["b"]),
        new ChiSquareSpec("g", "h", true),
    ];

    [TestCaseSource(nameof(Specs))]
    public void Run_WithCancelledToken_Throws(AnalysisSpec spec) =>
        Assert.That(() => AnalysisEngine.Run(spec, Data, new CancellationToken(canceled: true)), Throws.InstanceOf<OperationCanceledException>());

    [Test]
    public void Spearman_NineRowsManyColumns_ComputesTheExactDistributionOnce()
    {
        // 150 columns of 9 rows: 11,175 pairs, each an exact p-value; n! is enumerated once for n = 9.
        var random = new Random(5);
        var columns = Enumerable.Range(0, 150)
            .Select(i => (DataColumn)new NumericColumn($"c{i}", [.. Enumerable.Range(1, 9).OrderBy(_ => random.Next()).Select(v => (double)v)]))
            .ToList();
        var spec = new CorrelationSpec([.. columns.Select(c => c.Name)], CorrelationMethod.Spearman);

        var result = (Analysis.Domain.Analyses.Correlation.CorrelationResult)AnalysisEngine.Run(spec, new Dataset(columns), CancellationToken.None);

        Assert.That(result.PValues.SelectMany(row => row).All(p => p is >= 0 and <= 1), Is.True);
        Assert.That(result.PValues[0][1], Is.EqualTo(result.PValues[1][0]));
    }
}
