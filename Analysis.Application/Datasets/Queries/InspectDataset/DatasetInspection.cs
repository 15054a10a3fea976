namespace Analysis.Application.Datasets.Queries.InspectDataset;

/// <summary>What an inspect answers: the dataset's shape and the text of its first rows.</summary>
public sealed record DatasetInspection(InspectedDatasetDto Dataset, IReadOnlyList<IReadOnlyList<string>> Preview);
