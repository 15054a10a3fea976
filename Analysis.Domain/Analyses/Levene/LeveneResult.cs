namespace Analysis.Domain.Analyses.Levene;

public sealed record LeveneResult(
    string Column,
    string GroupBy,
    string Center,
    double FStatistic,
    int DfBetween,
    int DfWithin,
    double PValue,
    int N,
    string Title) : AnalysisResult
{
    public override string Type => LeveneType.TypeName;

    public override string Highlight =>
        $"{Title}: F = {Format.Stat(FStatistic)}, df = {DfBetween}, {DfWithin}, p = {Format.P(PValue)}";

    public override string ApaSentence => $"F({DfBetween}, {DfWithin}) = {Apa.Stat(FStatistic)}, {Apa.P(PValue)}";
}
