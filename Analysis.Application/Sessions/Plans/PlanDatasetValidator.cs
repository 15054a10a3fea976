using Analysis.Domain.Analyses;
using Analysis.Domain.Analyses.Anova;
using Analysis.Domain.Analyses.ChiSquare;
using Analysis.Domain.Analyses.Correlation;
using Analysis.Domain.Analyses.Descriptive;
using Analysis.Domain.Analyses.Fisher;
using Analysis.Domain.Analyses.Levene;
using Analysis.Domain.Analyses.Logistic;
using Analysis.Domain.Analyses.Rank;
using Analysis.Domain.Analyses.Regression;
using Analysis.Domain.Analyses.Shapiro;
using Analysis.Domain.Analyses.TTest;
using Analysis.Domain.Analyses.Tukey;
using Analysis.Domain.Datasets;
using FluentValidation;

namespace Analysis.Application.Sessions.Plans;

/// <summary>
/// The plan against the parsed dataset: every column exists and has the type its role needs, grouping columns
/// have a usable number of levels, named groups exist. Failures are relative to the spec (<c>groupBy</c>,
/// <c>columns[1]</c>); the caller prefixes <c>analyses[i]</c>.
/// </summary>
public sealed class PlanDatasetValidator : AbstractValidator<SpecOnDataset>
{
    public PlanDatasetValidator()
    {
        RuleFor(x => x).Custom((x, context) =>
        {
            void Fail(string field, string message) => context.AddFailure(field, message);
            var data = x.Dataset;
            switch (x.Spec)
            {
                case DescriptiveSpec d:
                    SomeNumeric(data, d.Columns, "describe", Fail);
                    break;
                case CorrelationSpec c:
                    if (c.Columns.Count < 2)
                    {
                        Fail("columns", $"A correlation needs at least 2 numeric columns; the dataset has {c.Columns.Count}.");
                    }

                    Numeric(data, c.Columns, "columns", Fail);
                    break;
                case TwoSampleTTestSpec t:
                    Numeric(data, t.Column, "column", Fail);
                    TwoGroups(data, t.GroupBy, t.Groups, "a two-sample t-test", Fail);
                    break;
                case OneSampleTTestSpec t:
                    Numeric(data, t.Column, "column", Fail);
                    break;
                case PairedTTestSpec t:
                    Numeric(data, [t.First, t.Second], "columns", Fail);
                    break;
                case AnovaSpec a:
                    ColumnByGroups(data, a.Column, a.GroupBy, "an ANOVA", Fail);
                    break;
                case LeveneSpec l:
                    ColumnByGroups(data, l.Column, l.GroupBy, "Levene's test", Fail);
                    break;
                case FisherSpec f:
                    Levels(data, f.RowVariable, "columns[0]", Fail);
                    Levels(data, f.ColumnVariable, "columns[1]", Fail);
                    break;
                case TukeySpec t:
                    ColumnByGroups(data, t.Column, t.GroupBy, "Tukey's test", Fail);
                    break;
                case ShapiroSpec w:
                    SomeNumeric(data, w.Columns, "test", Fail);
                    break;
                case KruskalSpec k:
                    ColumnByGroups(data, k.Column, k.GroupBy, "the Kruskal-Wallis test", Fail);
                    break;
                case MannWhitneySpec m:
                    Numeric(data, m.Column, "column", Fail);
                    TwoGroups(data, m.GroupBy, m.Groups, "a rank-sum test", Fail);
                    break;
                case WilcoxonSpec w when w.IsPaired:
                    Numeric(data, w.Columns!, "columns", Fail);
                    break;
                case WilcoxonSpec w:
                    Numeric(data, w.Column!, "column", Fail);
                    break;
                case RegressionSpec r:
                    Numeric(data, r.Dependent, "dependent", Fail);
                    Predictors(data, r.Independents, Fail);
                    break;
                case LogisticSpec l:
                    if (Levels(data, l.Dependent, "dependent", Fail) is { Length: not 2 } outcomes)
                    {
                        var shown = string.Join(", ", outcomes.Take(5)) + (outcomes.Length > 5 ? ", ..." : string.Empty);
                        Fail("dependent", $"Column '{l.Dependent}' has {outcomes.Length} distinct value{(outcomes.Length == 1 ? string.Empty : "s")} ({shown}); " +
                            "a logistic regression needs exactly 2 (the second in level order is the event).");
                    }

                    Predictors(data, l.Independents, Fail);
                    break;
                case ChiSquareSpec c:
                    Levels(data, c.RowVariable, "columns[0]", Fail);
                    Levels(data, c.ColumnVariable, "columns[1]", Fail);
                    break;
            }
        });
    }

    /// <summary>A list of numeric columns (a type's default, every numeric column, may be empty: said so).</summary>
    private static void SomeNumeric(Dataset data, IReadOnlyList<string> columns, string verb, Action<string, string> fail)
    {
        if (columns.Count == 0)
        {
            fail("columns", $"The dataset has no numeric columns to {verb}.");
        }

        Numeric(data, columns, "columns", fail);
    }

    /// <summary>Model predictors: numeric columns, or categorical ones of at most 1,000 levels (treatment-coded).</summary>
    private static void Predictors(Dataset data, IReadOnlyList<string> names, Action<string, string> fail)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (data.Find(names[i]) is CategoricalColumn)
            {
                Levels(data, names[i], $"independents[{i}]", fail);
            }
            else
            {
                Numeric(data, names[i], $"independents[{i}]", fail);
            }
        }
    }

    /// <summary>A numeric column and a grouping column with at least two levels.</summary>
    private static void ColumnByGroups(Dataset data, string column, string groupBy, string analysis, Action<string, string> fail)
    {
        Numeric(data, column, "column", fail);
        if (Levels(data, groupBy, "groupBy", fail) is { } levels && levels.Length < 2)
        {
            fail("groupBy", $"Column '{groupBy}' has {levels.Length} level; {analysis} needs at least 2.");
        }
    }

    private static void TwoGroups(Dataset data, string groupBy, IReadOnlyList<string>? named, string analysis, Action<string, string> fail)
    {
        if (Levels(data, groupBy, "groupBy", fail) is not { } levels)
        {
            return;
        }

        if (named is { } groups)
        {
            for (var i = 0; i < groups.Count; i++)
            {
                if (Array.IndexOf(levels, groups[i]) < 0)
                {
                    fail($"groups[{i}]", $"Column '{groupBy}' has no level '{groups[i]}'.");
                }
            }
        }
        else if (levels.Length != 2)
        {
            var shown = string.Join(", ", levels.Take(5)) + (levels.Length > 5 ? ", ..." : string.Empty);
            fail("groupBy", $"Column '{groupBy}' has {levels.Length} levels ({shown}); {analysis} needs exactly 2, or name two with \"groups\".");
        }
    }

    private static string[]? Levels(Dataset data, string name, string field, Action<string, string> fail)
    {
        var column = data.Find(name);
        if (column is null)
        {
            fail(field, $"Column '{name}' does not exist.");
            return null;
        }

        var grouping = Grouping.Build(column);
        if (grouping is null)
        {
            fail(field, $"Column '{name}' has more than {Grouping.MaxLevels} distinct values; a grouping column may have at most {Grouping.MaxLevels} levels.");
            return null;
        }

        return grouping.Levels;
    }

    private static void Numeric(Dataset data, string name, string field, Action<string, string> fail)
    {
        switch (data.Find(name))
        {
            case null:
                fail(field, $"Column '{name}' does not exist.");
                break;
            case CategoricalColumn:
                fail(field, $"Column '{name}' is categorical; this role needs a numeric column.");
                break;
        }
    }

    private static void Numeric(Dataset data, IReadOnlyList<string> names, string field, Action<string, string> fail)
    {
        for (var i = 0; i < names.Count; i++)
        {
            Numeric(data, names[i], $"{field}[{i}]", fail);
        }
    }
}
