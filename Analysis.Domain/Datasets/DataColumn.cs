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
