namespace Analysis.Domain.Analyses.TTest;

/// <summary>The three t-tests share a confidence level; each kind names its own columns.</summary>
public abstract record TTestSpec(double ConfidenceLevel) : AnalysisSpec
{
    public override string Type => AnalysisTypes.TTest;
}
