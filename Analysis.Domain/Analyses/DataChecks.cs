namespace Analysis.Domain.Analyses;

/// <summary>
/// The roles a column plays, checked against the data (<see cref="AnalysisSpec.CheckData"/>): a numeric variable, a
/// grouping column of at most <see cref="Grouping.MaxLevels"/> levels, a model's predictor. Problems by field.
/// </summary>
public static class DataChecks
{
    /// <summary>A list of numeric columns (a type's default, every numeric column, may be empty: said so).</summary>
    public static void SomeNumeric(Dataset data, IReadOnlyList<string> columns, string verb, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(fail);
        if (columns.Count == 0)
        {
            fail("columns", $"The dataset has no numeric columns to {verb}.");
        }

        Numeric(data, columns, "columns", fail);
    }

    /// <summary>Model predictors: numeric columns, or categorical ones of at most 1,000 levels (treatment-coded).</summary>
    public static void Predictors(Dataset data, IReadOnlyList<string> names, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(names);
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
    public static void ColumnByGroups(Dataset data, string column, string groupBy, string analysis, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
        Numeric(data, column, "column", fail);
        if (Levels(data, groupBy, "groupBy", fail) is { } levels && levels.Length < 2)
        {
            fail("groupBy", $"Column '{groupBy}' has {levels.Length} level; {analysis} needs at least 2.");
        }
    }

    /// <summary>A grouping column with exactly two levels, or the two <paramref name="named"/> among its levels.</summary>
    public static void TwoGroups(Dataset data, string groupBy, IReadOnlyList<string>? named, string analysis, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(fail);
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

    /// <summary>A grouping column's levels; null (and said) when it does not exist or has too many.</summary>
    public static string[]? Levels(Dataset data, string name, string field, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fail);
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

    public static void Numeric(Dataset data, string name, string field, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fail);
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

    public static void Numeric(Dataset data, IReadOnlyList<string> names, string field, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(names);
        for (var i = 0; i < names.Count; i++)
        {
            Numeric(data, names[i], $"{field}[{i}]", fail);
        }
    }

    /// <summary>A model's case weights: a numeric column with no negative value (R's lm and glm stop on one).</summary>
    public static void Weights(Dataset data, string? name, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fail);
        if (name is null)
        {
            return;
        }

        Numeric(data, name, "weights", fail);
        if (data.Find(name) is NumericColumn column && Array.FindIndex(column.Values, v => v < 0) is var row and >= 0)
        {
            fail("weights", $"Column '{name}' has a negative value ({Format.Stat(column.Values[row])} in row {row + 1}); weights must be zero or more, as R's lm and glm require.");
        }
    }
}
