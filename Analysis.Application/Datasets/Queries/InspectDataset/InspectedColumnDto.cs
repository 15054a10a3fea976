namespace Analysis.Application.Datasets.Queries.InspectDataset;

/// <summary>
/// One column as the service reads it: its type (numeric or categorical), its missing cells, and its distinct
/// non-missing values counted up to 1,001 (a grouping column may have at most 1,000 levels).
/// </summary>
public sealed record InspectedColumnDto(string Name, string Type, int Missing, int Distinct);
