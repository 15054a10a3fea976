namespace Analysis.Tests.Api;

/// <summary>
/// A test-only analysis type that takes as long as asked (<c>{"type":"wait","seconds":2}</c>) and stops when its
/// run is cancelled: a long session for tests about workers, without a large dataset.
/// </summary>
public sealed class WaitType : IAnalysisType
{
    public const string TypeName = "wait";

    private static readonly SpecField Seconds = new("seconds", SpecFieldKind.Number);

    public string Name => TypeName;

    public string SchemaName => "Wait";

    public IReadOnlyList<SpecForm> Forms { get; } = [new("Waits the given seconds.", [Seconds], [])];

    public Type ResultType => typeof(WaitResult);

    public void CheckFields(PlanEntry entry, Action<string, string> fail)
    {
        if (entry.Number(Seconds.Name) is not >= 0)
        {
            fail(Seconds.Name, "Required: how long to wait, in seconds.");
        }
    }

    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema) => new WaitSpec(entry.Number(Seconds.Name) ?? 0);

    private sealed record WaitSpec(double Seconds) : AnalysisSpec
    {
        public override string Type => TypeName;

        public override IReadOnlyList<string> ColumnsUsed => [];

        public override string Title => $"wait {Seconds} s";

        public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("seconds", Seconds));

        public override void CheckData(Dataset data, Action<string, string> fail)
        {
        }

        public override AnalysisCost Cost(DatasetSchema schema) => new(AnalysisCost.Json(1), (long)(Seconds * 1e9));

        protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken)
        {
            cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(Seconds));
            cancellationToken.ThrowIfCancellationRequested();
            return new WaitResult(Seconds);
        }
    }

    private sealed record WaitResult(double Seconds) : AnalysisResult
    {
        public override string Type => TypeName;

        public override string Highlight => $"waited {Seconds} s";
    }
}
