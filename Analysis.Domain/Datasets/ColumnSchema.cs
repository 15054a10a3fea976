namespace Analysis.Domain.Datasets;

public sealed record ColumnSchema(string Name, ColumnType Type, int Missing);
