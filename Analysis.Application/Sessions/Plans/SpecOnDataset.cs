using Analysis.Domain.Analyses;
using Analysis.Domain.Datasets;

namespace Analysis.Application.Sessions.Plans;

/// <summary>One spec of the plan with the dataset it will run on.</summary>
public sealed record SpecOnDataset(AnalysisSpec Spec, Dataset Dataset);
