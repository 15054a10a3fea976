namespace Analysis.Domain.Datasets;

/// <summary>One column of a <see cref="Dataset"/>: numeric values or categorical level codes.</summary>
public abstract class DataColumn
{
    protected DataColumn(string name) => Name = name;

    public string Name { get; }

    public abstract ColumnType Type { get; }

    public abstract int Length { get; }

    public abstract int MissingCount { get; }

    public abstract bool IsMissing(int row);
}

/// <summary>A numeric column; a missing value is <see cref="double.NaN"/>.</summary>
public sealed class NumericColumn : DataColumn
{
    private readonly int _missing;

    public NumericColumn(string name, double[] values)
        : base(name)
    {
        Values = values;
        var missing = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                missing++;
            }
            else if (double.IsInfinity(v))
            {
                throw new ArgumentException("Numeric columns hold finite numbers or NaN for missing.", nameof(values));
            }
        }

        _missing = missing;
    }

    public double[] Values { get; }

    public override ColumnType Type => ColumnType.Numeric;

    public override int Length => Values.Length;

    public override int MissingCount => _missing;

    public override bool IsMissing(int row) => double.IsNaN(Values[row]);
}

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
