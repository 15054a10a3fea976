namespace Analysis.Domain.Analyses.Correlation;

/// <summary>Square matrices in <see cref="Columns"/> order; p-values two-sided, 0 on the diagonal.</summary>
public sealed record CorrelationResult(
    string Method, IReadOnlyList<string> Columns, double[][] Matrix, double[][] PValues, int N, string Title) : AnalysisResult
{
    public override string Type => CorrelationType.TypeName;

    /// <summary><c>pairwise</c> when each pair took the rows with its two values; absent for the default (rows complete in every column).</summary>
    public string? Use { get; init; }

    /// <summary>Pairwise: the rows each pair took (the diagonal, each column's values); absent otherwise.</summary>
    public int[][]? NMatrix { get; init; }

    /// <summary>
    /// Pearson's r's 95 % interval for each pair, <c>[low, high]</c> (R: <c>cor.test(x, y)$conf.int</c>, Fisher's z on
    /// the pair's rows; null on the diagonal and where r is undefined or the rows are 3 or fewer); absent for the
    /// rank correlations.
    /// </summary>
    public double[][][]? ConfidenceIntervals { get; init; }

    /// <summary>The correction asked for (absent when none).</summary>
    public string? PAdjust { get; init; }

    /// <summary>The p-values corrected as one family of the pairs above the diagonal (absent when no correction is asked).</summary>
    public double[][]? PValuesAdjusted { get; init; }

    public override string Highlight
    {
        get
        {
            var (a, b) = (-1, -1);
            for (var i = 0; i < Columns.Count; i++)
            {
                for (var j = i + 1; j < Columns.Count; j++)
                {
                    if (double.IsFinite(Matrix[i][j]) && (a < 0 || Math.Abs(Matrix[i][j]) > Math.Abs(Matrix[a][b])))
                    {
                        (a, b) = (i, j);
                    }
                }
            }

            return a < 0
                ? $"{Title}: n = {N}; no correlation could be computed"
                : $"{Title}: n = {N}; strongest r({Columns[a]}, {Columns[b]}) = {Format.Stat(Matrix[a][b])}, p = {Format.P(PValues[a][b])}";
        }
    }

    /// <summary>
    /// Each pair: <c>r(30) = −.87, p &lt; .001</c> (ρ for Spearman, τ for Kendall; df = n − 2), and its corrected p when
    /// one was asked for: <c>(holm-adjusted p = .003)</c>.
    /// </summary>
    public override string ApaSentence
    {
        get
        {
            var symbol = Method switch { "spearman" => "ρ", "kendall" => "τ", _ => "r" };
            var pairs = new List<string>();
            for (var i = 0; i < Columns.Count; i++)
            {
                for (var j = i + 1; j < Columns.Count; j++)
                {
                    pairs.Add($"{Columns[i]} and {Columns[j]}: {symbol}({(NMatrix?[i][j] ?? N) - 2}) = {Apa.Bounded(Matrix[i][j])}, {Apa.P(PValues[i][j])}" +
                        (PValuesAdjusted is { } adjusted ? $" ({PAdjust}-adjusted {Apa.P(adjusted[i][j])})" : string.Empty));
                }
            }

            return string.Join("; ", pairs);
        }
    }
}
