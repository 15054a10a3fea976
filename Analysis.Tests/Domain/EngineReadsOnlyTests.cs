namespace Analysis.Tests.Domain;

/// <summary>
/// The engine only reads the columns it is given: sessions on one stored dataset share its decoded columns (the
/// worker's column cache hands out the same arrays), so an analysis that sorted or scaled them in place would change
/// another session's data. Every type, in each of its forms and methods, on numeric and categorical columns with
/// missing values, ties and a numeric grouping column; the arrays' bits compared before and after.
/// </summary>
public sealed class EngineReadsOnlyTests
{
    /// <param name="missing">Whether the numeric columns have missing values: without them no listwise copy is made,
    /// and the analyses get the columns' own arrays.</param>
    /// <param name="scale">The numeric columns' magnitude: 1e200 takes the analyses that rescale huge values.</param>
    [TestCase(true, 1.0)]
    [TestCase(false, 1.0)]
    [TestCase(false, 1e200)]
    public void EveryAnalysis_LeavesItsColumnsAsTheyWere(bool missing, double scale)
    {
        var random = new Random(19);
        const int Rows = 300;
        double Value(int row) => missing && row % 29 == 0 ? double.NaN : Math.Round(random.NextDouble() * 50, 1) * scale; // ties: one decimal
        var data = new Dataset([
            new NumericColumn("y", [.. Enumerable.Range(0, Rows).Select(Value)]),
            new NumericColumn("x1", [.. Enumerable.Range(0, Rows).Select(Value)]),
            new NumericColumn("x2", [.. Enumerable.Range(0, Rows).Select(Value)]),
            new NumericColumn("ev", [.. Enumerable.Range(0, Rows).Select(r => (double)((r * 7) % 3 == 0 ? 1 : 0))]),
            new NumericColumn("g2", [.. Enumerable.Range(0, Rows).Select(r => missing && r % 31 == 0 ? double.NaN : r % 2)]),
            new NumericColumn("cyl", [.. Enumerable.Range(0, Rows).Select(r => (double)(4 + (2 * (r % 3))))]),
            new CategoricalColumn("g8", [.. Enumerable.Range(0, Rows).Select(r => missing && r % 23 == 0 ? -1 : r % 8)], [.. Enumerable.Range(0, 8).Select(i => $"g{i}")]),
            new CategoricalColumn("h5", [.. Enumerable.Range(0, Rows).Select(r => (r / 3) % 5)], ["a", "b", "c", "d", "e"]),
        ]);
        var before = data.Columns.Select(Bits).ToList();
        AnalysisSpec[] plan =
        [
            new DescriptiveSpec(["y", "x1", "x2"]),
            new CorrelationSpec(["y", "x1", "x2"], CorrelationMethod.Pearson), new CorrelationSpec(["y", "x1", "x2"], CorrelationMethod.Spearman),
            new CorrelationSpec(["y", "x1", "x2"], CorrelationMethod.Kendall),
            new TwoSampleTTestSpec("y", "g2", null, false, 0.95), new TwoSampleTTestSpec("y", "cyl", ["4", "8"], true, 0.9),
            new OneSampleTTestSpec("y", 3 * scale, 0.9), new PairedTTestSpec("y", "x1", 0.95),
            new AnovaSpec("y", "g8"), new AnovaSpec("y", "cyl"), new RegressionSpec("y", ["x1", "g8", "h5"]),
            new ChiSquareSpec("g8", "h5", true), new ChiSquareSpec("g2", "cyl", false),
            new LeveneSpec("y", "g8", LeveneCenter.Median), new LeveneSpec("y", "h5", LeveneCenter.Mean),
            new MannWhitneySpec("y", "g2", null, null, true), new MannWhitneySpec("y", "h5", ["a", "b"], true, false),
            new WilcoxonSpec(["y", "x1"], null, 0, null, true), new WilcoxonSpec(null, "y", 20 * scale, true, false),
            new KruskalSpec("y", "h5"), new LogisticSpec("ev", ["x1", "h5"]), new ShapiroSpec(["y", "x1", "x2"]),
            new TukeySpec("y", "g8", 0.95), new FisherSpec("g2", "h5", 0.95), new FisherSpec("g2", "ev", 0.95),
            new PairwiseSpec("y", "g8", PairwiseTest.T, true, false, Analysis.Domain.Statistics.PAdjustMethod.Holm),
            new PairwiseSpec("y", "h5", PairwiseTest.T, false, true, Analysis.Domain.Statistics.PAdjustMethod.Hommel),
            new PairwiseSpec("y", "h5", PairwiseTest.Wilcoxon, false, true, Analysis.Domain.Statistics.PAdjustMethod.BH),
            new PairwiseSpec("y", "g8", PairwiseTest.Wilcoxon, false, false, Analysis.Domain.Statistics.PAdjustMethod.BY),
        ];
        Assert.That(plan.Select(s => s.Type).Distinct(), Is.EquivalentTo(AnalysisTypeRegistry.BuiltIn.Names), "every type");

        var errors = new List<string>();
        foreach (var spec in plan)
        {
            if (AnalysisEngine.Run(spec, data, CancellationToken.None) is AnalysisErrorResult error)
            {
                errors.Add($"{spec.Title}: {error.Error}");
            }
        }

        // At 1e200 the binomial fit's first step overflows, as R's glm.fit does ("non-finite coefficients"): that
        // analysis says so as its own error (it used to escape as a fault and fail the session).
        string[] expected = scale == 1 ? [] : ["logistic ev ~ x1 + h5: The model cannot be fitted: glm.fit: non-finite coefficients at the first iteration."];
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.EqualTo(expected), "every other analysis computed, so every code path that reads the columns ran");
            for (var c = 0; c < data.Columns.Count; c++)
            {
                Assert.That(Bits(data.Columns[c]), Is.EqualTo(before[c]), $"column {data.Columns[c].Name}");
            }
        });
    }

    /// <summary>A column's contents as bits (NaN included) and level names.</summary>
    private static object[] Bits(DataColumn column) => column switch
    {
        NumericColumn numeric => [.. numeric.Values.Select(BitConverter.DoubleToInt64Bits).Cast<object>()],
        CategoricalColumn categorical => [.. categorical.Codes.Cast<object>(), .. categorical.Levels],
        _ => throw new ArgumentException(column.GetType().Name),
    };
}
