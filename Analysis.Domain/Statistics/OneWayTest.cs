namespace Analysis.Domain.Statistics;

/// <summary>A one-way ANOVA's F test, with its sums of squares and the group means it was computed from.</summary>
public sealed record OneWayTest(double F, int DfBetween, int DfWithin, double PValue, double SumSquaresBetween, double SumSquaresWithin, double[] Means);
