namespace Analysis.Domain.Datasets;

/// <summary>
/// A categorical column as level codes into <see cref="Levels"/> (sorted ordinally); -1 is missing. At most
/// <see cref="MaxKeptLevels"/> levels are kept: a value past them (an id column, free text) is coded
/// <see cref="BeyondLevelsCode"/> — present, but of no level — so that a column of distinct text costs its codes,
/// not a string per row. No analysis can use such a column (a grouping has at most 1,000 levels).
/// </summary>
public sealed class CategoricalColumn : DataColumn
{
    public const int MissingCode = -1;

    /// <summary>A value that is not missing but whose level was not kept.</summary>
    public const int BeyondLevelsCode = -2;

    /// <summary>Levels kept per column: one more than a grouping may have, so "too many" is still seen.</summary>
    public const int MaxKeptLevels = 1001;

    private readonly int _missing;

    public CategoricalColumn(string name, int[] codes, string[] levels)
        : base(name)
    {
        Codes = codes;
        Levels = levels;
        var missing = 0;
        foreach (var c in codes)
        {
            if (c == MissingCode)
            {
                missing++;
            }
            else if (c == BeyondLevelsCode)
            {
                HasMoreLevels = true;
            }
            else if ((uint)c >= (uint)levels.Length)
            {
                throw new ArgumentException("A level code is outside the level list.", nameof(codes));
            }
        }

        _missing = missing;
    }

    public int[] Codes { get; }

    public string[] Levels { get; }

    /// <summary>True when some values' levels were past <see cref="MaxKeptLevels"/> and not kept.</summary>
    public bool HasMoreLevels { get; }

    public override ColumnType Type => ColumnType.Categorical;

    public override int Length => Codes.Length;

    public override int MissingCount => _missing;

    public override bool IsMissing(int row) => Codes[row] == MissingCode;
}
