namespace Analysis.Application.Datasets.Queries.InspectDataset;

/// <summary>
/// Read a CSV without storing it (docs/api.md, <c>POST /api/datasets/inspect</c>). <see cref="Dataset"/> is the CSV as a
/// seekable stream, null when the request had none; <see cref="DatasetField"/> the request field it came from.
/// </summary>
public sealed record InspectDatasetQuery(Stream? Dataset, string DatasetField);
