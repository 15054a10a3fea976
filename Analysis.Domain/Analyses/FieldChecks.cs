namespace Analysis.Domain.Analyses;

/// <summary>Rules on a spec's fields that several analysis types share (<see cref="IAnalysisType.CheckFields"/>).</summary>
public static class FieldChecks
{
    /// <summary>A text field that must be present and not blank.</summary>
    public static void Require(PlanEntry entry, SpecField field, string message, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(fail);
        if (string.IsNullOrWhiteSpace(entry.Text(field.Name)))
        {
            fail(field.Name, message);
        }
    }

    /// <summary>A field this form of the spec does not take.</summary>
    public static void Absent(PlanEntry entry, SpecField field, string message, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(fail);
        if (entry.Has(field.Name))
        {
            fail(field.Name, message);
        }
    }

    /// <summary>A numeric <c>column</c> compared across the levels of <c>groupBy</c>.</summary>
    public static void ColumnAndGroups(PlanEntry entry, Action<string, string> fail)
    {
        Require(entry, SpecFields.Column, "Required: the numeric column to compare.", fail);
        Require(entry, SpecFields.GroupBy, "Required: the column whose levels form the groups.", fail);
    }

    /// <summary><c>confidenceLevel</c>, where given, strictly between 0 and 1.</summary>
    public static void ConfidenceLevel(PlanEntry entry, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(fail);
        if (entry.Number(SpecFields.ConfidenceLevel.Name) is { } level && !(level > 0 && level < 1))
        {
            fail(SpecFields.ConfidenceLevel.Name, "Must be between 0 and 1, e.g. 0.95.");
        }
    }

    /// <summary><c>groups</c>, where given, names two different levels.</summary>
    public static void TwoLevels(PlanEntry entry, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(fail);
        if (entry.Names(SpecFields.Groups.Name) is not { } groups)
        {
            return;
        }

        if (groups.Count != 2)
        {
            fail(SpecFields.Groups.Name, "Must name exactly two levels: [first, second].");
        }
        else if (!Distinct(groups))
        {
            fail(SpecFields.Groups.Name, "The two levels must differ.");
        }
    }

    /// <summary><c>columns</c> as [rowVariable, columnVariable], for a test of two grouping columns.</summary>
    public static void RowAndColumnVariables(PlanEntry entry, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(fail);
        if (entry.Names(SpecFields.Columns.Name) is not { } columns)
        {
            fail(SpecFields.Columns.Name, "Required: [rowVariable, columnVariable].");
        }
        else if (columns.Count != 2)
        {
            fail(SpecFields.Columns.Name, "Must name exactly two columns: [rowVariable, columnVariable].");
        }
    }

    /// <summary><c>columns</c>, where given, names at least one (left out, a type takes every numeric column).</summary>
    public static void SomeColumns(PlanEntry entry, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(fail);
        if (entry.Names(SpecFields.Columns.Name) is { Count: 0 })
        {
            fail(SpecFields.Columns.Name, "Name at least one column, or leave the field out for every numeric column.");
        }
    }

    /// <summary>A model's response and its predictors: present, none named twice, the response not among them.</summary>
    public static void ResponseAndPredictors(PlanEntry entry, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(fail);
        Require(entry, SpecFields.Dependent, "Required: the response column.", fail);
        var dependent = entry.Text(SpecFields.Dependent.Name);
        var field = SpecFields.Independents.Name;
        if (entry.Names(field) is not { } predictors)
        {
            fail(field, "Required: an array of predictor columns.");
        }
        else if (predictors.Count == 0)
        {
            fail(field, "Name at least one predictor.");
        }
        else if (!Distinct(predictors))
        {
            fail(field, "A predictor is named twice.");
        }
        else if (dependent is not null && predictors.Contains(dependent, StringComparer.Ordinal))
        {
            fail(field, "The dependent column cannot also be a predictor.");
        }
    }

    public static bool Distinct(IReadOnlyList<string>? names) =>
        names is null || names.Distinct(StringComparer.Ordinal).Count() == names.Count;
}
