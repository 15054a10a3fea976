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

namespace Analysis.Application.Sessions.Plans;

/// <summary>
/// Between the wire form and the domain's specs. ToDomain fills in the defaults (every numeric
/// column, Welch, 0.95 ...), so <see cref="ToDto"/> of the result is the normalised spec the API shows.
/// </summary>
public static class AnalysisSpecMapper
{
    public const double DefaultConfidenceLevel = 0.95;

    /// <summary>Builds the domain spec from a dto that passed <see cref="AnalysisSpecDtoValidator"/>.</summary>
    public static AnalysisSpec ToDomain(AnalysisSpecDto dto, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(dto);
        ArgumentNullException.ThrowIfNull(schema);
        return dto.Type switch
        {
            AnalysisTypes.Descriptive => new DescriptiveSpec(dto.Columns ?? [.. schema.NumericColumnNames]),
            AnalysisTypes.Correlation => new CorrelationSpec(
                dto.Columns ?? [.. schema.NumericColumnNames],
                dto.Method switch { "spearman" => CorrelationMethod.Spearman, "kendall" => CorrelationMethod.Kendall, _ => CorrelationMethod.Pearson }),
            AnalysisTypes.TTest when dto.Paired == true => new PairedTTestSpec(
                dto.Columns![0], dto.Columns[1], dto.ConfidenceLevel ?? DefaultConfidenceLevel),
            AnalysisTypes.TTest when dto.GroupBy is not null => new TwoSampleTTestSpec(
                dto.Column!, dto.GroupBy, dto.Groups, dto.EqualVariance ?? false, dto.ConfidenceLevel ?? DefaultConfidenceLevel),
            AnalysisTypes.TTest => new OneSampleTTestSpec(
                dto.Column!, dto.Mu ?? 0, dto.ConfidenceLevel ?? DefaultConfidenceLevel),
            AnalysisTypes.Anova => new AnovaSpec(dto.Column!, dto.GroupBy!),
            AnalysisTypes.Regression => new RegressionSpec(dto.Dependent!, dto.Independents!),
            AnalysisTypes.ChiSquare => new ChiSquareSpec(dto.Columns![0], dto.Columns[1], dto.Correction ?? true),
            AnalysisTypes.Levene => new LeveneSpec(dto.Column!, dto.GroupBy!, dto.Center == "mean" ? LeveneCenter.Mean : LeveneCenter.Median),
            AnalysisTypes.MannWhitney => new MannWhitneySpec(dto.Column!, dto.GroupBy!, dto.Groups, dto.Exact, dto.Correction ?? true),
            AnalysisTypes.Wilcoxon => new WilcoxonSpec(dto.Columns, dto.Columns is null ? dto.Column : null, dto.Columns is null ? dto.Mu ?? 0 : 0, dto.Exact, dto.Correction ?? true),
            AnalysisTypes.Kruskal => new KruskalSpec(dto.Column!, dto.GroupBy!),
            AnalysisTypes.Logistic => new LogisticSpec(dto.Dependent!, dto.Independents!),
            AnalysisTypes.Fisher => new FisherSpec(dto.Columns![0], dto.Columns[1], dto.ConfidenceLevel ?? DefaultConfidenceLevel),
            AnalysisTypes.Shapiro => new ShapiroSpec(dto.Columns ?? [.. schema.NumericColumnNames]),
            AnalysisTypes.Tukey => new TukeySpec(dto.Column!, dto.GroupBy!, dto.ConfidenceLevel ?? DefaultConfidenceLevel),
            _ => throw new ArgumentException($"Unknown analysis type '{dto.Type}'.", nameof(dto)),
        };
    }

    /// <summary>Builds a stored (already normalised) spec without a dataset at hand.</summary>
    public static AnalysisSpec ToDomain(AnalysisSpecDto dto) => ToDomain(dto, new DatasetSchema(0, []));

    public static AnalysisSpecDto ToDto(AnalysisSpec spec) => spec switch
    {
        DescriptiveSpec d => new() { Type = d.Type, Columns = [.. d.Columns] },
        CorrelationSpec c => new() { Type = c.Type, Columns = [.. c.Columns], Method = c.MethodName },
        TwoSampleTTestSpec t => new()
        {
            Type = t.Type, Column = t.Column, GroupBy = t.GroupBy, Groups = t.Groups is null ? null : [.. t.Groups],
            EqualVariance = t.EqualVariance, ConfidenceLevel = t.ConfidenceLevel,
        },
        OneSampleTTestSpec t => new() { Type = t.Type, Column = t.Column, Mu = t.Mu, ConfidenceLevel = t.ConfidenceLevel },
        PairedTTestSpec t => new()
        {
            Type = t.Type, Columns = [t.First, t.Second], Paired = true, ConfidenceLevel = t.ConfidenceLevel,
        },
        AnovaSpec a => new() { Type = a.Type, Column = a.Column, GroupBy = a.GroupBy },
        RegressionSpec r => new() { Type = r.Type, Dependent = r.Dependent, Independents = [.. r.Independents] },
        ChiSquareSpec c => new() { Type = c.Type, Columns = [c.RowVariable, c.ColumnVariable], Correction = c.Correction },
        LeveneSpec l => new() { Type = l.Type, Column = l.Column, GroupBy = l.GroupBy, Center = l.CenterName },
        MannWhitneySpec m => new()
        {
            Type = m.Type, Column = m.Column, GroupBy = m.GroupBy, Groups = m.Groups is null ? null : [.. m.Groups], Exact = m.Exact, Correction = m.Correction,
        },
        WilcoxonSpec w => new()
        {
            Type = w.Type, Columns = w.Columns is null ? null : [.. w.Columns], Column = w.Column, Mu = w.IsPaired ? null : w.Mu,
            Exact = w.Exact, Correction = w.Correction,
        },
        KruskalSpec k => new() { Type = k.Type, Column = k.Column, GroupBy = k.GroupBy },
        LogisticSpec l => new() { Type = l.Type, Dependent = l.Dependent, Independents = [.. l.Independents] },
        FisherSpec f => new() { Type = f.Type, Columns = [f.RowVariable, f.ColumnVariable], ConfidenceLevel = f.ConfidenceLevel },
        ShapiroSpec w => new() { Type = w.Type, Columns = [.. w.Columns] },
        TukeySpec t => new() { Type = t.Type, Column = t.Column, GroupBy = t.GroupBy, ConfidenceLevel = t.ConfidenceLevel },
        _ => throw new ArgumentException($"Unknown spec {spec.GetType().Name}.", nameof(spec)),
    };
}
