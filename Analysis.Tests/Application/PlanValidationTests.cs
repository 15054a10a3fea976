using System.Text.Json;
using Analysis.Application.Common;
using Analysis.Application.Sessions.Plans;

namespace Analysis.Tests.Application;

/// <summary>The plan parser, the per-spec shape validator and the plan-against-dataset validator together.</summary>
public sealed class PlanValidationTests
{
    private static Dictionary<string, string[]> Validate(string json, Dataset? data = null)
    {
        data ??= TestData.Sleep();
        var errors = new ValidationErrors();
        var entries = new AnalysisPlanParser(AnalysisTypeRegistry.BuiltIn).Parse(JsonDocument.Parse(json).RootElement, errors);
        var validator = new AnalysisPlanValidator(AnalysisTypeRegistry.BuiltIn, TestData.Options());
        for (var i = 0; entries is not null && i < entries.Count; i++)
        {
            if (validator.CheckFields(entries[i], $"analyses[{i}]", errors))
            {
                validator.Build(entries[i], data, $"analyses[{i}]", errors);
            }
        }

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
    public void Parse_WhenNotAnArray_SaysSo() =>
        Assert.That(Validate("""{"type":"descriptive"}""")["analyses"], Is.EqualTo(new[] { "Must be a JSON array of analysis specs." }));

    [Test]
    public void Parse_WhenFieldHasWrongCase_HintsAtCamelCase() =>
        Assert.That(Validate("""[{"type":"descriptive","Columns":["extra"]}]""")["analyses[0].Columns"][0], Does.Contain("case-sensitive"));

    [Test]
    public void Validate_WhenFieldBelongsToAnotherType_RejectsIt() =>
        Assert.That(Validate("""[{"type":"descriptive","mu":3}]""")["analyses[0].mu"], Is.EqualTo(new[] { "Not a field of a descriptive analysis." }));

    [Test]
    public void Validate_WhenTwoSampleGroupingHasThreeLevels_AsksForGroups()
    {
        var errors = Validate("""[{"type":"ttest","column":"extra","groupBy":"size"}]""");

        Assert.That(errors["analyses[0].groupBy"][0], Does.Contain("has 3 levels (l, m, s)").And.Contain("\"groups\""));
    }

    [Test]
    public void Validate_WhenNamedGroupMissing_NamesIt() =>
        Assert.That(Validate("""[{"type":"ttest","column":"extra","groupBy":"size","groups":["l","x"]}]""")["analyses[0].groups[1]"],
            Is.EqualTo(new[] { "Column 'size' has no level 'x'." }));

    [Test]
    public void Validate_WhenNumericGroupingColumn_UsesItsValuesAsLevels()
    {
        var data = new Dataset([
            new NumericColumn("y", [1, 2, 3, 4]),
            new NumericColumn("cyl", [4, 6, 4, 6]),
        ]);

        Assert.That(Validate("""[{"type":"ttest","column":"y","groupBy":"cyl","groups":[4,6]}]""", data), Is.Empty);
    }

    [Test]
    public void Validate_WhenGroupingColumnHasOverThousandLevels_Refuses()
    {
        var data = new Dataset([
            new NumericColumn("y", [.. Enumerable.Range(0, 1001).Select(i => (double)i)]),
            new NumericColumn("id", [.. Enumerable.Range(0, 1001).Select(i => (double)i)]),
        ]);

        Assert.That(Validate("""[{"type":"anova","column":"y","groupBy":"id"}]""", data)["analyses[0].groupBy"][0],
            Does.Contain("at most 1000 levels"));
    }

    [Test]
    public void Validate_WhenPairedWithoutColumns_SaysWhatItNeeds() =>
        Assert.That(Validate("""[{"type":"ttest","paired":true,"column":"extra"}]"""), Is.EquivalentTo(new Dictionary<string, string[]>
        {
            ["analyses[0].columns"] = ["A paired t-test needs \"columns\": [a, b]."],
            ["analyses[0].column"] = ["A paired t-test takes \"columns\": [a, b], not \"column\"."],
        }));

    [Test]
    public void Validate_WhenRegressionPredictorIsTheResponse_Refuses() =>
        Assert.That(Validate("""[{"type":"regression","dependent":"extra","independents":["extra"]}]""")["analyses[0].independents"],
            Is.EqualTo(new[] { "The dependent column cannot also be a predictor." }));

    [Test]
    public void Validate_WhenConfidenceLevelOutOfRange_Refuses() =>
        Assert.That(Validate("""[{"type":"ttest","column":"extra","confidenceLevel":95}]""")["analyses[0].confidenceLevel"],
            Is.EqualTo(new[] { "Must be between 0 and 1, e.g. 0.95." }));

    [Test]
    public void Validate_EveryTypeWellFormed_Passes() =>
        Assert.That(Validate("""
            [{"type":"descriptive"},
             {"type":"correlation","columns":["extra","extra2"],"method":"spearman"},
             {"type":"ttest","column":"extra","groupBy":"group","equalVariance":true},
             {"type":"ttest","column":"extra","mu":1},
             {"type":"ttest","columns":["extra","extra2"],"paired":true},
             {"type":"anova","column":"extra","groupBy":"size"},
             {"type":"regression","dependent":"extra","independents":["extra2"]},
             {"type":"chisquare","columns":["group","size"],"correction":false}]
            """, new Dataset([.. TestData.Sleep().Columns, new NumericColumn("extra2", [.. Enumerable.Range(0, 20).Select(i => (double)i)])])), Is.Empty);

    [Test]
    public void ToEntry_OfEachSpec_RoundTripsThroughBuild()
    {
        AnalysisSpec[] specs =
        [
            new DescriptiveSpec(["a"]), new CorrelationSpec(["a", "b"], CorrelationMethod.Spearman),
            new TwoSampleTTestSpec("a", "g", ["x", "y"], true, 0.9), new OneSampleTTestSpec("a", 2.5, 0.99),
            new PairedTTestSpec("a", "b", 0.95), new AnovaSpec("a", "g"), new RegressionSpec("a", ["b", "c"]),
            new ChiSquareSpec("g", "h", false),
        ];

        foreach (var spec in specs)
        {
            var again = AnalysisTypeRegistry.BuiltIn.Build(spec.ToEntry(), new DatasetSchema(0, []));
            Assert.That(again.ToEntry(), Is.EqualTo(spec.ToEntry()), spec.GetType().Name);
        }
    }

    // Issue #11's types: every wrong field named by its path.
    [TestCase("""{"type":"levene","column":"extra"}""", "groupBy", "Required: the column whose levels form the groups.")]
    [TestCase("""{"type":"levene","column":"extra","groupBy":"size","center":"mode"}""", "center", "Must be \"median\" or \"mean\".")]
    [TestCase("""{"type":"levene","column":"group","groupBy":"size"}""", "column", "Column 'group' is categorical; this role needs a numeric column.")]
    [TestCase("""{"type":"levene","column":"extra","groupBy":"size","exact":true}""", "exact", "Not a field of a levene analysis.")]
    [TestCase("""{"type":"mannwhitney","column":"extra","groupBy":"size"}""", "groupBy", "Column 'size' has 3 levels (l, m, s); a rank-sum test needs exactly 2, or name two with \"groups\".")]
    [TestCase("""{"type":"mannwhitney","column":"extra","groupBy":"size","groups":["l","x"]}""", "groups[1]", "Column 'size' has no level 'x'.")]
    [TestCase("""{"type":"mannwhitney","column":"extra","groupBy":"group","exact":"yes"}""", "exact", "Must be true or false.")]
    [TestCase("""{"type":"wilcoxon"}""", "column", "Required: \"column\" (against mu), or \"columns\": [a, b] for pairs.")]
    [TestCase("""{"type":"wilcoxon","columns":["extra"]}""", "columns", "A paired test compares exactly two columns: [a, b].")]
    [TestCase("""{"type":"wilcoxon","columns":["extra","extra2"],"mu":1}""", "mu", "A paired test does not take \"mu\".")]
    [TestCase("""{"type":"wilcoxon","column":"group"}""", "column", "Column 'group' is categorical; this role needs a numeric column.")]
    [TestCase("""{"type":"kruskal","column":"extra","groupBy":"nope"}""", "groupBy", "Column 'nope' does not exist.")]
    [TestCase("""{"type":"logistic","dependent":"size","independents":["extra"]}""", "dependent", "Column 'size' has 3 distinct values (l, m, s); a logistic regression needs exactly 2 (the second in level order is the event).")]
    [TestCase("""{"type":"logistic","dependent":"group"}""", "independents", "Required: an array of predictor columns.")]
    [TestCase("""{"type":"logistic","dependent":"group","independents":["group"]}""", "independents", "The dependent column cannot also be a predictor.")]
    [TestCase("""{"type":"regression","dependent":"extra","independents":["nope"]}""", "independents[0]", "Column 'nope' does not exist.")]
    [TestCase("""{"type":"tukey","column":"extra","groupBy":"size","confidenceLevel":1.5}""", "confidenceLevel", "Must be between 0 and 1, e.g. 0.95.")]
    [TestCase("""{"type":"tukey","column":"extra"}""", "groupBy", "Required: the column whose levels form the groups.")]
    [TestCase("""{"type":"fisher","columns":["group"]}""", "columns", "Must name exactly two columns: [rowVariable, columnVariable].")]
    [TestCase("""{"type":"fisher","columns":["group","nope"]}""", "columns[1]", "Column 'nope' does not exist.")]
    [TestCase("""{"type":"shapiro","columns":[]}""", "columns", "Name at least one column, or leave the field out for every numeric column.")]
    [TestCase("""{"type":"shapiro","columns":["size"]}""", "columns[0]", "Column 'size' is categorical; this role needs a numeric column.")]
    [TestCase("""{"type":"correlation","method":"tau"}""", "method", "Must be \"pearson\", \"spearman\" or \"kendall\".")]
    [TestCase("""{"type":"correlation","use":"everything"}""", "use", "Must be \"complete\" or \"pairwise\".")]
    [TestCase("""{"type":"correlation","pAdjust":"fdr"}""", "pAdjust", "Must be \"holm\", \"hochberg\", \"hommel\", \"bonferroni\", \"BH\", \"BY\" or \"none\".")]
    [TestCase("""{"type":"pairwise","column":"extra","groupBy":"size","test":"z"}""", "test", "Must be \"t\" or \"wilcoxon\".")]
    [TestCase("""{"type":"pairwise","column":"extra","groupBy":"size","test":"wilcoxon","pooledSd":true}""", "pooledSd", "Applies to the t-test only (test \"t\"): Wilcoxon tests pool nothing.")]
    [TestCase("""{"type":"pairwise","column":"extra","groupBy":"size","paired":true,"pooledSd":true}""", "pooledSd", "A pooled SD cannot go with paired tests (as R's pairwise.t.test refuses it): leave it out or set it to false.")]
    [TestCase("""{"type":"pairwise","column":"extra","groupBy":"nope"}""", "groupBy", "Column 'nope' does not exist.")]
    [TestCase("""{"type":"pairwise","column":"size","groupBy":"group"}""", "column", "Column 'size' is categorical; this role needs a numeric column.")]
    [TestCase("""{"type":"pairwise","column":"extra","groupBy":"size","pAdjust":"fdr"}""", "pAdjust", "Must be \"holm\", \"hochberg\", \"hommel\", \"bonferroni\", \"BH\", \"BY\" or \"none\".")]
    [TestCase("""{"type":"regression","dependent":"extra","independents":["size"],"weights":"group"}""", "weights", "Column 'group' is categorical; this role needs a numeric column.")]
    [TestCase("""{"type":"regression","dependent":"extra","independents":["size"],"weights":"nope"}""", "weights", "Column 'nope' does not exist.")]
    [TestCase("""{"type":"logistic","dependent":"group","independents":["size"],"weights":"extra"}""", "weights", "Column 'extra' has a negative value (-1.6 in row 2); weights must be zero or more, as R's lm and glm require.")]
    [TestCase("""{"type":"ttest","column":"extra","mu":1,"checks":true}""", "checks", "\"checks\" is for a two-sample t-test (with \"groupBy\").")]
    [TestCase("""{"type":"anova","column":"extra","groupBy":"size","checks":"yes"}""", "checks", "Must be true or false.")]
    public void Validate_NextTools_NameEachWrongField(string spec, string field, string message) =>
        Assert.That(Validate($"[{spec}]").GetValueOrDefault($"analyses[0].{field}"), Is.EqualTo(new[] { message }));

    [Test]
    public void Validate_NextTools_AcceptWellFormedSpecs() =>
        Assert.That(Validate("""
            [{"type":"levene","column":"extra","groupBy":"size","center":"mean"},
             {"type":"mannwhitney","column":"extra","groupBy":"size","groups":["l","s"],"exact":false,"correction":false},
             {"type":"wilcoxon","column":"extra","mu":0.5,"exact":true},
             {"type":"kruskal","column":"extra","groupBy":"size"},
             {"type":"logistic","dependent":"group","independents":["extra","size"]},
             {"type":"regression","dependent":"extra","independents":["size","group"]},
             {"type":"tukey","column":"extra","groupBy":"size","confidenceLevel":0.9},
             {"type":"fisher","columns":["group","size"]},
             {"type":"shapiro"}]
            """), Is.Empty);

    [Test]
    public void Validate_ATukeyGroupingWithTooManyLevels_NamesTheThousandLevelLimit()
    {
        var data = new Dataset([
            new NumericColumn("y", [.. Enumerable.Range(0, 1500).Select(i => (double)(i % 2))]),
            new NumericColumn("id", [.. Enumerable.Range(0, 1500).Select(i => (double)i)]),
        ]);

        var errors = Validate("""[{"type":"tukey","column":"y","groupBy":"id"}]""", data);

        Assert.That(errors["analyses[0].groupBy"], Is.EqualTo(new[] { "Column 'id' has more than 1000 distinct values; a grouping column may have at most 1000 levels." }));
    }

    [Test]
    public void Validate_ACategoricalPredictorWithTooManyLevels_NamesTheThousandLevelLimit()
    {
        var data = new Dataset([
            new NumericColumn("y", [1, 2, 3]),
            new CategoricalColumn("id", [0, 1, CategoricalColumn.BeyondLevelsCode], [.. Enumerable.Range(0, CategoricalColumn.MaxKeptLevels).Select(i => $"L{i:D4}")]),
        ]);

        var errors = Validate("""[{"type":"logistic","dependent":"y","independents":["id"]},{"type":"regression","dependent":"y","independents":["id"]}]""", data);

        Assert.Multiple(() =>
        {
            Assert.That(errors["analyses[0].independents[0]"], Is.EqualTo(new[] { "Column 'id' has more than 1000 distinct values; a grouping column may have at most 1000 levels." }));
            Assert.That(errors["analyses[1].independents[0]"], Is.EqualTo(errors["analyses[0].independents[0]"]));
        });
    }
}
