using System.Text.Json;
using Analysis.Application.Common;
using Analysis.Application.Common.Json;
using Analysis.Application.Sessions.Plans;

namespace Analysis.Tests.Application;

/// <summary>
/// The entry a spec is stored and answered as, pinned for every form of every type: its fields, their order (the
/// type's, whatever order the caller wrote them in) and the defaults it makes explicit. Stored plans are read back by
/// later versions and repeated creates compare them, so a change here is a change to stored data.
/// </summary>
public sealed class PlanEntryFormTests
{
    // Fields given in an order other than the entry's, defaults left out where the form has them.
    private static readonly (string Form, string Request, string Entry)[] Cases =
    [
        ("descriptive", """{"type":"descriptive"}""",
            """{"type":"descriptive","columns":["extra","extra2"]}"""),
        ("descriptive", """{"columns":["extra2","extra"],"type":"descriptive"}""",
            """{"type":"descriptive","columns":["extra2","extra"]}"""),
        ("correlation", """{"method":"kendall","columns":["extra","extra2"],"type":"correlation"}""",
            """{"type":"correlation","columns":["extra","extra2"],"method":"kendall","pAdjust":"none","use":"complete"}"""),
        ("correlation", """{"type":"correlation"}""",
            """{"type":"correlation","columns":["extra","extra2"],"method":"pearson","pAdjust":"none","use":"complete"}"""),
        ("correlation", """{"type":"correlation","pAdjust":"BH","method":"spearman","use":"pairwise"}""",
            """{"type":"correlation","columns":["extra","extra2"],"method":"spearman","pAdjust":"BH","use":"pairwise"}"""),
        ("ttest two-sample", """{"equalVariance":true,"confidenceLevel":0.9,"groupBy":"group","column":"extra","type":"ttest"}""",
            """{"type":"ttest","column":"extra","groupBy":"group","equalVariance":true,"confidenceLevel":0.9}"""),
        ("ttest one-sample", """{"mu":1.5,"column":"extra","type":"ttest"}""",
            """{"type":"ttest","column":"extra","mu":1.5,"confidenceLevel":0.95}"""),
        ("ttest paired", """{"paired":true,"columns":["extra","extra2"],"type":"ttest"}""",
            """{"type":"ttest","columns":["extra","extra2"],"paired":true,"confidenceLevel":0.95}"""),
        ("anova", """{"groupBy":"size","column":"extra","type":"anova"}""",
            """{"type":"anova","column":"extra","groupBy":"size"}"""),
        ("regression", """{"independents":["extra2","size"],"dependent":"extra","type":"regression"}""",
            """{"type":"regression","dependent":"extra","independents":["extra2","size"]}"""),
        ("chisquare", """{"correction":false,"columns":["group","size"],"type":"chisquare"}""",
            """{"type":"chisquare","columns":["group","size"],"correction":false}"""),
        ("chisquare", """{"columns":["group","size"],"type":"chisquare"}""",
            """{"type":"chisquare","columns":["group","size"],"correction":true}"""),
        ("levene", """{"center":"mean","groupBy":"size","column":"extra","type":"levene"}""",
            """{"type":"levene","column":"extra","groupBy":"size","center":"mean"}"""),
        ("levene", """{"groupBy":"size","column":"extra","type":"levene"}""",
            """{"type":"levene","column":"extra","groupBy":"size","center":"median"}"""),
        ("mannwhitney", """{"correction":false,"exact":false,"groups":["s","l"],"groupBy":"size","column":"extra","type":"mannwhitney"}""",
            """{"type":"mannwhitney","column":"extra","groupBy":"size","groups":["s","l"],"correction":false,"exact":false}"""),
        ("mannwhitney", """{"groupBy":"group","column":"extra","type":"mannwhitney"}""",
            """{"type":"mannwhitney","column":"extra","groupBy":"group","correction":true}"""),
        ("wilcoxon paired", """{"exact":true,"columns":["extra","extra2"],"type":"wilcoxon"}""",
            """{"type":"wilcoxon","columns":["extra","extra2"],"correction":true,"exact":true}"""),
        ("wilcoxon one-sample", """{"mu":0.5,"column":"extra","type":"wilcoxon"}""",
            """{"type":"wilcoxon","column":"extra","mu":0.5,"correction":true}"""),
        ("kruskal", """{"groupBy":"size","column":"extra","type":"kruskal"}""",
            """{"type":"kruskal","column":"extra","groupBy":"size"}"""),
        ("logistic", """{"independents":["extra","size"],"dependent":"group","type":"logistic"}""",
            """{"type":"logistic","dependent":"group","independents":["extra","size"]}"""),
        ("tukey", """{"confidenceLevel":0.9,"groupBy":"size","column":"extra","type":"tukey"}""",
            """{"type":"tukey","column":"extra","groupBy":"size","confidenceLevel":0.9}"""),
        ("fisher", """{"columns":["size","group"],"type":"fisher"}""",
            """{"type":"fisher","columns":["size","group"],"confidenceLevel":0.95}"""),
        ("shapiro", """{"columns":["extra2"],"type":"shapiro"}""",
            """{"type":"shapiro","columns":["extra2"]}"""),
        ("shapiro", """{"type":"shapiro"}""",
            """{"type":"shapiro","columns":["extra","extra2"]}"""),
        ("pairwise", """{"groupBy":"size","column":"extra","type":"pairwise"}""",
            """{"type":"pairwise","column":"extra","groupBy":"size","test":"t","pooledSd":true,"paired":false,"pAdjust":"holm"}"""),
        ("pairwise paired", """{"paired":true,"groupBy":"size","column":"extra","type":"pairwise"}""",
            """{"type":"pairwise","column":"extra","groupBy":"size","test":"t","pooledSd":false,"paired":true,"pAdjust":"holm"}"""),
        ("pairwise wilcoxon", """{"pAdjust":"none","test":"wilcoxon","groupBy":"size","column":"extra","type":"pairwise"}""",
            """{"type":"pairwise","column":"extra","groupBy":"size","test":"wilcoxon","paired":false,"pAdjust":"none"}"""),
    ];

    private static IEnumerable<TestCaseData> Each() =>
        Cases.Select(c => new TestCaseData(c.Request, c.Entry).SetName($"Entry_{c.Form.Replace(' ', '_')}_{Array.IndexOf(Cases, c)}"));

    [TestCaseSource(nameof(Each))]
    public void Entry_OfEveryForm_IsPinned(string request, string entry) =>
        Assert.That(Normalised(request), Is.EqualTo(entry));

    [Test]
    public void Cases_CoverEveryFormOfEveryType()
    {
        foreach (var type in AnalysisTypeRegistry.BuiltIn.All)
        {
            Assert.That(Cases.Count(c => c.Form.Split(' ')[0] == type.Name), Is.GreaterThanOrEqualTo(type.Forms.Count), type.Name);
        }
    }

    private static string Normalised(string request)
    {
        var errors = new ValidationErrors();
        var entry = new AnalysisPlanParser(AnalysisTypeRegistry.BuiltIn).Parse(JsonDocument.Parse($"[{request}]").RootElement, errors)![0];
        var data = new Dataset([.. TestData.Sleep().Columns, new NumericColumn("extra2", [.. Enumerable.Range(0, 20).Select(i => (double)i)])]);
        var validator = new AnalysisPlanValidator(AnalysisTypeRegistry.BuiltIn, TestData.Options());
        Assert.That(validator.CheckFields(entry, "analyses[0]", errors), Is.True);
        var spec = validator.Build(entry, data, "analyses[0]", errors);
        errors.ThrowIfAny();
        return JsonSerializer.Serialize(spec.ToEntry(), ApiJson.Options);
    }
}
