namespace Analysis.Domain.Statistics;

/// <summary>One weighted least-squares step (R: the parts of <c>Cdqrls</c>'s result that glm.fit and summary.glm use).</summary>
/// <param name="Coefficients">In the design's column order; 0 for aliased columns, as Cdqrls leaves them.</param>
/// <param name="StdErrors">√diag((XᵀWX)⁻¹) over the kept columns; NaN for aliased ones.</param>
/// <param name="Aliased">True for the columns pivoted out as collinear.</param>
/// <param name="Rank">The number of columns kept.</param>
internal sealed record WeightedQrSolution(double[] Coefficients, double[] StdErrors, bool[] Aliased, int Rank);
