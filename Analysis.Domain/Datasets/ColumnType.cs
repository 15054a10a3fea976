namespace Analysis.Domain.Datasets;

public enum ColumnType
{
    Numeric,
    Categorical,
}
