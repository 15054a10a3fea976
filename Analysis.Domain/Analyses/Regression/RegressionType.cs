namespace Analysis.Domain.Analyses.Regression;

public sealed class RegressionType : IAnalysisType
{
    public const string TypeName = "regression";

    public string Name => TypeName;

    public string SchemaName => "Regression";

    public IReadOnlyList<SpecForm> Forms { get; } =
    [
        new("Least squares of a numeric dependent column on numeric and categorical independents (treatment coding, the first level the reference), with an intercept; " +
            "weights names a numeric column of case weights (R: lm(..., weights = w)); checks adds Shapiro-Wilk on the residuals and Levene (median) " +
            "between the residuals of fitted values above and below their median.",
            [SpecFields.Dependent, SpecFields.Independents], [SpecFields.Weights, SpecFields.Checks]),
    ];

    public Type ResultType => typeof(RegressionResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail) => FieldChecks.ResponseAndPredictors(entry, fail);

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new RegressionSpec(entry.Text(SpecFields.Dependent.Name)!, entry.Names(SpecFields.Independents.Name)!, entry.Text(SpecFields.Weights.Name), entry.Flag(SpecFields.Checks.Name) ?? false);
    }
}
