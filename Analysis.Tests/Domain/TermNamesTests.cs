namespace Analysis.Tests.Domain;

/// <summary>
/// A model's term names are R's: a column name R cannot read bare goes in backticks, a level after it. From R 4.2 in a
/// UTF-8 locale: <c>d &lt;- data.frame(y = c(1,3,2,5,4,6), `x y` = c(1,2,3,4,5,7), `my col` = c("a","b","a","b","c","c"),
/// `été` = c(2,1,4,3,6,5), check.names = FALSE); names(coef(lm(y ~ `x y` + `my col` + `été`, data = d)))</c> gives
/// <c>"(Intercept)" "`x y`" "`my col`b" "`my col`c" "été"</c>.
/// </summary>
public sealed class TermNamesTests
{
    private static readonly Dataset Data = new([
        new NumericColumn("y", [1, 3, 2, 5, 4, 6]),
        new NumericColumn("x y", [1, 2, 3, 4, 5, 7]),
        new CategoricalColumn("my col", [0, 1, 0, 1, 2, 2], ["a", "b", "c"]),
        new NumericColumn("été", [2, 1, 4, 3, 6, 5]),
        new NumericColumn("ok", [0, 0, 1, 0, 1, 1]),
    ]);

    [Test]
    public void RegressionTerms_AreRs_BackticksWhereRNeedsThem()
    {
        var result = (RegressionResult)AnalysisEngine.Run(new RegressionSpec("y", ["x y", "my col", "été"]), Data, CancellationToken.None);

        Assert.That(result.Coefficients.Select(c => c.Term), Is.EqualTo(new[] { "(Intercept)", "`x y`", "`my col`b", "`my col`c", "été" }));
    }

    [Test]
    public void LogisticTerms_AreNamedAlike()
    {
        var result = AnalysisEngine.Run(new LogisticSpec("ok", ["x y"]), Data, CancellationToken.None);

        Assert.That(((LogisticResult)result).Coefficients.Select(c => c.Term), Is.EqualTo(new[] { "(Intercept)", "`x y`" }));
    }

    [TestCase("x", "x")]
    [TestCase("x.1", "x.1")]
    [TestCase(".5a", "`.5a`")]
    [TestCase("2nd", "`2nd`")]
    [TestCase("if", "`if`")]
    [TestCase("a`b", "`a\\`b`")]
    public void Term_QuotesAsRDoes(string name, string term) => Assert.That(RText.Term(name), Is.EqualTo(term));
}
