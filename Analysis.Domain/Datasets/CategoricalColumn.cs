namespace Analysis.Domain.Datasets;

/// <summary>
/// A categorical column as level codes into <see cref="Levels"/> (sorted ordinally); -1 is missing.
/// </summary>
public sealed class CategoricalColumn : DataColumn
{
    public const int MissingCode = -1;

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
            else if ((uint)c >= (uint)levels.Length)
            {
                throw new ArgumentException("A level code is outside the level list.", nameof(codes));
            }
        }

        _missing = missing;
    }

    public int[] Codes { get; }

    public string[] Levels { get; }

    public override ColumnType Type => ColumnType.Categorical;

    public override int Length => Codes.Length;

    public override int MissingCount => _missing;

    public override bool IsMissing(int row) => Codes[row] == MissingCode;
}
