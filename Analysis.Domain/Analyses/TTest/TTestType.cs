namespace Analysis.Domain.Analyses.TTest;

/// <summary>The t-test in its three forms: two-sample (<c>groupBy</c>), one-sample (<c>mu</c>), paired (<c>paired: true</c>).</summary>
public sealed class TTestType : IAnalysisType
{
    public const string TypeName = "ttest";

    public static SpecField EqualVariance { get; } = new("equalVariance", SpecFieldKind.Flag);

    public string Name => TypeName;

    public string SchemaName => "TTest";

    public IReadOnlyList<SpecForm> Forms { get; } =
    [
        new("Two-sample t-test of a numeric column between two levels of a grouping column (Welch unless equalVariance).",
            [SpecFields.Column, SpecFields.GroupBy], [SpecFields.Groups, EqualVariance, SpecFields.Paired, SpecFields.ConfidenceLevel, SpecFields.Checks],
            new Dictionary<string, IReadOnlyList<object>> { [SpecFields.Paired.Name] = [false] }),
        new("One-sample t-test of a numeric column's mean against mu (default 0).",
            [SpecFields.Column], [SpecFields.Mu, SpecFields.Paired, SpecFields.ConfidenceLevel],
            new Dictionary<string, IReadOnlyList<object>> { [SpecFields.Paired.Name] = [false] }),
        new("Paired t-test of two numeric columns, row by row.",
            [SpecFields.Columns, SpecFields.Paired], [SpecFields.ConfidenceLevel],
            new Dictionary<string, IReadOnlyList<object>> { [SpecFields.Paired.Name] = [true] }),
    ];

    public Type ResultType => typeof(TTestResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(fail);
        FieldChecks.ConfidenceLevel(entry, fail);
        if (entry.Flag(SpecFields.Paired.Name) == true)
        {
            var columns = entry.Names(SpecFields.Columns.Name);
            if (columns is null)
            {
                fail(SpecFields.Columns.Name, "A paired t-test needs \"columns\": [a, b].");
            }
            else if (columns.Count != 2)
            {
                fail(SpecFields.Columns.Name, "A paired t-test compares exactly two columns: [a, b].");
            }

            FieldChecks.Absent(entry, SpecFields.Column, "A paired t-test takes \"columns\": [a, b], not \"column\".", fail);
            FieldChecks.Absent(entry, SpecFields.GroupBy, "A paired t-test does not take \"groupBy\".", fail);
            FieldChecks.Absent(entry, SpecFields.Mu, "A paired t-test does not take \"mu\".", fail);
            FieldChecks.Absent(entry, SpecFields.Groups, "A paired t-test does not take \"groups\".", fail);
            FieldChecks.Absent(entry, EqualVariance, "A paired t-test does not take \"equalVariance\".", fail);
            FieldChecks.Absent(entry, SpecFields.Checks, "\"checks\" is for a two-sample t-test (with \"groupBy\").", fail);
            return;
        }

        FieldChecks.Require(entry, SpecFields.Column, "Required: the numeric column to test.", fail);
        FieldChecks.Absent(entry, SpecFields.Columns, "\"columns\" is for a paired t-test (with \"paired\": true); use \"column\".", fail);
        if (entry.Has(SpecFields.GroupBy.Name))
        {
            FieldChecks.Absent(entry, SpecFields.Mu, "A two-sample t-test does not take \"mu\".", fail);
            FieldChecks.TwoLevels(entry, fail);
        }
        else
        {
            FieldChecks.Absent(entry, SpecFields.Groups, "\"groups\" needs \"groupBy\".", fail);
            FieldChecks.Absent(entry, EqualVariance, "\"equalVariance\" is for a two-sample t-test (with \"groupBy\").", fail);
            FieldChecks.Absent(entry, SpecFields.Checks, "\"checks\" is for a two-sample t-test (with \"groupBy\").", fail);
        }
    }

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(schema);
        var level = entry.Number(SpecFields.ConfidenceLevel.Name) ?? SpecFields.DefaultConfidenceLevel;
        if (entry.Flag(SpecFields.Paired.Name) == true)
        {
            var columns = entry.Names(SpecFields.Columns.Name)!;
            return new PairedTTestSpec(columns[0], columns[1], level);
        }

        return entry.Text(SpecFields.GroupBy.Name) is { } groupBy
            ? new TwoSampleTTestSpec(entry.Text(SpecFields.Column.Name)!, groupBy, entry.Names(SpecFields.Groups.Name), entry.Flag(EqualVariance.Name) ?? false, level)
            {
                NumericGroupBy = schema.Columns.Any(c => c.Name == groupBy && c.Type == ColumnType.Numeric),
                WithChecks = entry.Flag(SpecFields.Checks.Name) ?? false,
            }
            : new OneSampleTTestSpec(entry.Text(SpecFields.Column.Name)!, entry.Number(SpecFields.Mu.Name) ?? 0, level);
    }
}
