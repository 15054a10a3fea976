using Analysis.Application.Common;
using Analysis.Application.Sessions.Plans;
using Analysis.Infrastructure.Serialization;

namespace Analysis.Tests.Application;

/// <summary>
/// A plan's cost, known before it runs (issue #18): an analysis that is more work than a run may take, or results
/// larger than a session may hold, are refused at create with the size and what to do instead; and each type's
/// bound on its result is a bound indeed, on a real run of every type.
/// </summary>
public sealed class PlanCostTests
{
    private static DatasetSchema Numeric(int columns, int rows) =>
        new(rows, [.. Enumerable.Range(0, columns).Select(i => new ColumnSchema($"c{i}", ColumnType.Numeric, 0))]);

    private static Dictionary<string, string[]> Check(IReadOnlyList<AnalysisSpec> plan, DatasetSchema schema)
    {
        var errors = new ValidationErrors();
        new AnalysisPlanValidator(AnalysisTypeRegistry.BuiltIn, TestData.Options()).CheckCost(plan, schema, "analyses", errors);
        try
        {
            errors.ThrowIfAny();
            return [];
        }
        catch (RequestValidationException ex)
        {
            return ex.Errors.ToDictionary(e => e.Key, e => e.Value);
        }
    }

    [Test]
    public void CheckCost_WhenKendallOfFiveHundredColumnsIsTooMuchWork_RefusesItAndNamesSpearman()
    {
        var schema = Numeric(500, 10_000);
        var columns = schema.Columns.Select(c => c.Name).ToList();

        var errors = Check([new CorrelationSpec(columns, CorrelationMethod.Spearman), new CorrelationSpec(columns, CorrelationMethod.Kendall)], schema);

        Assert.Multiple(() =>
        {
            Assert.That(errors.Keys, Is.EqualTo(new[] { "analyses[1]" }), "spearman of the same columns is within bounds");
            Assert.That(errors["analyses[1]"].Single(), Does.StartWith("This correlation analysis of 10,000 rows is about 249 s of work, past the 60 s one analysis may take (Analysis:MaxWorkPerAnalysis)")
                .And.Contain("\"method\": \"spearman\""));
        });
    }

    [Test]
    public void CheckCost_WhenAHundredCorrelationsOfFiveHundredColumnsWouldTakeAGigabyte_RefusesThePlan()
    {
        var schema = Numeric(500, 10_000);
        var columns = schema.Columns.Select(c => c.Name).ToList();

        var errors = Check([.. Enumerable.Range(0, 100).Select(_ => new CorrelationSpec(columns, CorrelationMethod.Pearson))], schema);

        Assert.That(errors["analyses"].Single(), Is.EqualTo(
            "The plan's results could take about 1.2 GiB, past the 64 MiB a session's results may take (Analysis:MaxResultBytes); " +
            "the largest: analyses[0] (11.9 MiB), analyses[1] (11.9 MiB), analyses[2] (11.9 MiB). Run fewer analyses at once, or name fewer columns."));
    }

    [Test]
    public void CheckCost_WhenFiveSuchCorrelations_Passes() =>
        Assert.That(Check([.. Enumerable.Range(0, 5).Select(_ => new CorrelationSpec([.. Numeric(500, 10).Columns.Select(c => c.Name)], CorrelationMethod.Pearson))],
            Numeric(500, 10_000)), Is.Empty);

    [Test]
    public void CheckCost_FollowsTheConfiguredLimits()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new AnalysisOptions { MaxWorkPerAnalysis = 1e6, MaxResultBytes = 1 << 20 });
        var errors = new ValidationErrors();
        var schema = Numeric(2, 1_000_000);

        new AnalysisPlanValidator(AnalysisTypeRegistry.BuiltIn, options).CheckCost([new DescriptiveSpec(["c0", "c1"])], schema, "analyses", errors);

        Assert.That(() => errors.ThrowIfAny(), Throws.InstanceOf<RequestValidationException>()
            .With.Property(nameof(RequestValidationException.Errors)).Matches<IReadOnlyDictionary<string, string[]>>(e => e["analyses[0]"][0].Contains("past the 1 ms", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Every type, on data with numeric and categorical columns, missing values and many levels: its result, as the
    /// results endpoint writes it, is never larger than the bound its spec states — the bound the create checks and
    /// the run reserves memory for.
    /// </summary>
    [Test]
    public void Cost_OfEveryType_BoundsTheJsonOfItsResult()
    {
        var random = new Random(18);
        const int Rows = 400;
        double Value(int row) => row % 37 == 0 ? double.NaN : Math.Round(random.NextDouble() * 100, 3);
        var data = new Dataset([
            new NumericColumn("y", [.. Enumerable.Range(0, Rows).Select(Value)]),
            new NumericColumn("x1", [.. Enumerable.Range(0, Rows).Select(Value)]),
            new NumericColumn("x2", [.. Enumerable.Range(0, Rows).Select(Value)]),
            new NumericColumn("s", [.. Enumerable.Range(0, Rows).Select(Value)]),
            new NumericColumn("ev", [.. Enumerable.Range(0, Rows).Select(r => (double)((r * 7) % 3 == 0 ? 1 : 0))]),
            new NumericColumn("g2", [.. Enumerable.Range(0, Rows).Select(r => (double)(r % 2))]),
            new CategoricalColumn("g8", [.. Enumerable.Range(0, Rows).Select(r => r % 8)], [.. Enumerable.Range(0, 8).Select(i => $"level with a long name {i}")]),
            new CategoricalColumn("h5", [.. Enumerable.Range(0, Rows).Select(r => (r / 3) % 5)], ["a", "b", "c", "d", "e"]),
        ]);
        AnalysisSpec[] plan =
        [
            new DescriptiveSpec(["y", "x1", "x2"]), new CorrelationSpec(["y", "x1", "x2", "s"], CorrelationMethod.Kendall),
            new TwoSampleTTestSpec("y", "g2", null, false, 0.95), new OneSampleTTestSpec("y", 3, 0.9), new PairedTTestSpec("y", "x1", 0.95),
            new AnovaSpec("y", "g8"), new RegressionSpec("y", ["x1", "g8", "h5"]), new ChiSquareSpec("g8", "h5", true),
            new LeveneSpec("y", "g8", LeveneCenter.Median), new MannWhitneySpec("y", "g2", null, null, true),
            new WilcoxonSpec(["y", "x1"], null, 0, null, true), new KruskalSpec("y", "h5"), new LogisticSpec("ev", ["x1", "h5"]),
            new ShapiroSpec(["y", "x1", "x2", "s"]), new TukeySpec("y", "g8", 0.95), new FisherSpec("g2", "h5", 0.95),
            new PairwiseSpec("y", "g8", PairwiseTest.Wilcoxon, false, false, Analysis.Domain.Statistics.PAdjustMethod.Hommel),
            new PairwiseSpec("y", "g8", PairwiseTest.T, false, false, Analysis.Domain.Statistics.PAdjustMethod.None),
        ];
        Assert.That(plan.Select(s => s.Type).Distinct(), Is.EquivalentTo(AnalysisTypeRegistry.BuiltIn.Names), "every type");

        Assert.Multiple(() =>
        {
            foreach (var spec in plan)
            {
                var result = AnalysisEngine.Run(spec, data, CancellationToken.None);
                Assert.That(result, Is.Not.InstanceOf<AnalysisErrorResult>(), $"{spec.Type}: {(result as AnalysisErrorResult)?.Error}");
                var json = ResultsJson.Serialize([result]);
                Assert.That(json.Length, Is.LessThanOrEqualTo(spec.Cost(data.Schema).ResultBytes), $"{spec.Title}: {json}");
            }
        });
    }
}
