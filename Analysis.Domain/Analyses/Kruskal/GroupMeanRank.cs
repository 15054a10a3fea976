namespace Analysis.Domain.Analyses.Kruskal;

/// <summary>One group's size and the mean of its values' ranks in the pooled sample.</summary>
public sealed record GroupMeanRank(string Name, int N, double MeanRank);
