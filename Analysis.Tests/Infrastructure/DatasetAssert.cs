namespace Analysis.Tests.Infrastructure;

/// <summary>Two datasets alike column by column: names, types, missing counts, values, levels and codes.</summary>
internal static class DatasetAssert
{
    public static void Same(Dataset actual, Dataset expected)
    {
        Assert.That(actual.Columns.Select(c => (c.Name, c.Type)), Is.EqualTo(expected.Columns.Select(c => (c.Name, c.Type))));
        Assert.That(actual.RowCount, Is.EqualTo(expected.RowCount));
        Assert.Multiple(() =>
        {
            foreach (var (a, e) in actual.Columns.Zip(expected.Columns))
            {
                Assert.That(a.MissingCount, Is.EqualTo(e.MissingCount), $"{e.Name}: missing");
                if (e is NumericColumn numbers)
                {
                    Assert.That(((NumericColumn)a).Values, Is.EqualTo(numbers.Values), $"{e.Name}: values");
                }
                else
                {
                    var (ac, ec) = ((CategoricalColumn)a, (CategoricalColumn)e);
                    Assert.That(ac.Levels, Is.EqualTo(ec.Levels), $"{e.Name}: levels");
                    Assert.That(ac.Codes, Is.EqualTo(ec.Codes), $"{e.Name}: codes");
                }
            }
        });
    }
}
