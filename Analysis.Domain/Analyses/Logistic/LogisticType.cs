namespace Analysis.Domain.Analyses.Logistic;

public sealed class LogisticType : IAnalysisType
{
    public const string TypeName = "logistic";

    public string Name => TypeName;

    public string SchemaName => "Logistic";

    public IReadOnlyList<SpecForm> Forms { get; } =
    [
        new("Logistic regression (binomial GLM, logit link) of a two-valued dependent column (the second level in level order is the event) on numeric and categorical independents; weights names a numeric column of prior weights (R: glm(..., weights = w)).",
            [SpecFields.Dependent, SpecFields.Independents], [SpecFields.Weights]),
    ];

    public Type ResultType => typeof(LogisticResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail) => FieldChecks.ResponseAndPredictors(entry, fail);

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new LogisticSpec(entry.Text(SpecFields.Dependent.Name)!, entry.Names(SpecFields.Independents.Name)!, entry.Text(SpecFields.Weights.Name));
    }
}
