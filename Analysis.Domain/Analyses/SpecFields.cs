namespace Analysis.Domain.Analyses;

/// <summary>
/// The fields several analysis types share, declared once so that a name always holds the same kind of value (the
/// registry refuses two types that disagree).
/// </summary>
public static class SpecFields
{
    public static SpecField Column { get; } = new("column", SpecFieldKind.Text);

    public static SpecField Columns { get; } = new("columns", SpecFieldKind.Names);

    public static SpecField GroupBy { get; } = new("groupBy", SpecFieldKind.Text);

    public static SpecField Groups { get; } = new("groups", SpecFieldKind.Levels);

    public static SpecField Mu { get; } = new("mu", SpecFieldKind.Number);

    public static SpecField Paired { get; } = new("paired", SpecFieldKind.Flag);

    public static SpecField Dependent { get; } = new("dependent", SpecFieldKind.Text);

    public static SpecField Independents { get; } = new("independents", SpecFieldKind.Names);

    public static SpecField Correction { get; } = new("correction", SpecFieldKind.Flag);

    public static SpecField ConfidenceLevel { get; } = new("confidenceLevel", SpecFieldKind.Number);

    public static SpecField Exact { get; } = new("exact", SpecFieldKind.Flag);

    /// <summary>A correction for many tests, as R's <c>p.adjust</c> (<see cref="Statistics.PAdjust"/>).</summary>
    public static SpecField PAdjust { get; } = new("pAdjust", SpecFieldKind.Text);

    /// <summary>A model's case weights: a numeric column (R: <c>weights = w</c>).</summary>
    public static SpecField Weights { get; } = new("weights", SpecFieldKind.Text);

    /// <summary>Add the assumption checks beside a test (<see cref="AssumptionChecks"/>).</summary>
    public static SpecField Checks { get; } = new("checks", SpecFieldKind.Flag);

    public const double DefaultConfidenceLevel = 0.95;
}
