namespace Analysis.Application.Datasets.Queries.InspectDataset;

/// <summary>A CSV's rows and columns as a create would read them.</summary>
public sealed record InspectedDatasetDto(int Rows, IReadOnlyList<InspectedColumnDto> Columns);
