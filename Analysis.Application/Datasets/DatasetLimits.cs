namespace Analysis.Application.Datasets;

/// <summary>How large a dataset may be: rows, columns, and cells (rows × columns), each a 400 past it.</summary>
public sealed record DatasetLimits(int MaxRows, int MaxColumns, long MaxCells = long.MaxValue);
