using Analysis.Domain.Datasets;
using Analysis.Domain.Statistics;

namespace Analysis.Domain.Analyses;

/// <summary>
/// The predictors of a model as columns over the complete rows: a numeric predictor as it is, a categorical one by
/// treatment coding — a 0/1 column for each level present in those rows except the first, which is the reference —
/// with R's term names (column name then level: <c>cyl6</c>, <c>cyl8</c>). No intercept column.
/// </summary>
public sealed class DesignMatrix
{
    private DesignMatrix(IReadOnlyList<double[]> columns, IReadOnlyList<string> terms)
    {
        Columns = columns;
        Terms = terms;
    }

    public IReadOnlyList<double[]> Columns { get; }

    public IReadOnlyList<string> Terms { get; }

    public static DesignMatrix Build(IReadOnlyList<DataColumn> predictors, Listwise rows)
    {
        ArgumentNullException.ThrowIfNull(predictors);
        ArgumentNullException.ThrowIfNull(rows);
        var columns = new List<double[]>();
        var terms = new List<string>();
        foreach (var predictor in predictors)
        {
            switch (predictor)
            {
                case NumericColumn numeric:
                    columns.Add(rows.Select(numeric));
                    terms.Add(numeric.Name);
                    break;
                case CategoricalColumn categorical:
                    var codes = rows.Select(categorical.Codes);
                    var present = codes.Where(c => c >= 0).Distinct().Order().ToArray();
                    foreach (var level in present.Skip(1))
                    {
                        columns.Add(Array.ConvertAll(codes, c => c == level ? 1.0 : 0.0));
                        terms.Add(categorical.Name + categorical.Levels[level]);
                    }

                    break;
                default:
                    throw new ArgumentException($"Unknown column kind {predictor.GetType().Name}.", nameof(predictors));
            }
        }

        return new DesignMatrix(columns, terms);
    }
}
