using System.Runtime.CompilerServices;

namespace Analysis.Domain.Datasets;

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

    /// <summary>The values that are not missing, in row order, copied in one pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double[] Present()
    {
        var present = new double[Values.Length - _missing];
        var j = 0;
        foreach (var v in Values)
        {
            if (!double.IsNaN(v))
            {
                present[j++] = v;
            }
        }

        return present;
    }
}
