namespace Analysis.Application.Datasets.Queries.InspectDataset;

/// <summary>What an inspect answers: the dataset's schema (with distinct counts) and the text of its first rows.</summary>
public sealed record DatasetInspection(InspectedDatasetDto Dataset, IReadOnlyList<IReadOnlyList<string>> Preview);

/// <summary>A CSV's rows and columns as a create would read them.</summary>
public sealed record InspectedDatasetDto(int Rows, IReadOnlyList<InspectedColumnDto> Columns);

/// <summary>
/// One column as the service reads it: its type (numeric or categorical), its missing cells, and its distinct
/// non-missing values counted up to 1,001 (a grouping column may have at most 1,000 levels).
/// </summary>
public sealed record InspectedColumnDto(string Name, string Type, int Missing, int Distinct);
