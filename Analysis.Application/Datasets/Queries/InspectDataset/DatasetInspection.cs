namespace Analysis.Application.Datasets.Queries.InspectDataset;

/// <summary>
/// What an inspect answers: the file's format, the dataset's schema (with distinct counts), the text of its first
/// rows, and for an XLSX the workbook's sheets (in order) and the one read.
/// </summary>
public sealed record DatasetInspection(
    InspectedDatasetDto Dataset, IReadOnlyList<IReadOnlyList<string>> Preview, string Format, IReadOnlyList<string>? Sheets, string? Sheet);

/// <summary>A file's rows and columns as a create would read them.</summary>
public sealed record InspectedDatasetDto(int Rows, IReadOnlyList<InspectedColumnDto> Columns);

/// <summary>
/// One column as the service reads it: its type (numeric or categorical), its missing cells, and its distinct
/// non-missing values counted up to 1,001 (a grouping column may have at most 1,000 levels).
/// </summary>
public sealed record InspectedColumnDto(string Name, string Type, int Missing, int Distinct);
