namespace Analysis.Application.Datasets.Queries.InspectDataset;

/// <summary>
/// Read an uploaded file without storing it (docs/api.md, <c>POST /api/datasets/inspect</c>). <see cref="Dataset"/> is
/// the file as a seekable stream, null when the request had none; <see cref="DatasetField"/> the request field it
/// came from; <see cref="NaStrings"/> and <see cref="Sheet"/> as for a create.
/// </summary>
public sealed record InspectDatasetQuery(Stream? Dataset, string DatasetField, IReadOnlyList<string>? NaStrings = null, string? Sheet = null);
