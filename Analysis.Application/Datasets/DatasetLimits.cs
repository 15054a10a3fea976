namespace Analysis.Application.Datasets;

public sealed record DatasetLimits(int MaxRows, int MaxColumns);
