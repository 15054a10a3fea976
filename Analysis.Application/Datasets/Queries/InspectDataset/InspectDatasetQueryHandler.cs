using Analysis.Application.Datasets.Stored;
using Microsoft.Extensions.Options;

namespace Analysis.Application.Datasets.Queries.InspectDataset;

/// <summary>
/// Reads the file exactly as a create would (same formats, rules, limits, missing-value codes and errors, the same
/// share of the memory budget) and says what it found: each column's type, missing and distinct counts, and the
/// first rows' text. Stores nothing.
/// </summary>
public sealed class InspectDatasetQueryHandler(IDatasetReader reader, IOptions<AnalysisOptions> options, MemoryBudget memory)
    : IQueryHandler<InspectDatasetQuery, DatasetInspection>
{
    public const int PreviewRows = 10;

    /// <summary>Distinct values are counted up to this: one more than the most levels a grouping column may have.</summary>
    public const int DistinctCap = DatasetFacts.DistinctCap;

    public async Task<DatasetInspection> HandleAsync(InspectDatasetQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new ValidationErrors();
        var missing = DatasetFacts.MissingValuesOf(query.NaStrings, onStoredDataset: false, errors);
        DatasetFacts.CheckSheet(query.Sheet, onStoredDataset: false, errors);
        var file = query.Dataset;
        if (file is null)
        {
            errors.Add(query.DatasetField, UploadedDataset.RequiredMessage);
        }

        errors.ThrowIfAny();
        var start = file!.Position;
        var limits = new DatasetLimits(options.Value.MaxRows, options.Value.MaxColumns, options.Value.MaxCells);
        var outline = await UploadedDataset.OutlineAsync(reader, file, query.Sheet, query.DatasetField, errors, cancellationToken);
        errors.ThrowIfAny();
        using var columnsMemory = await memory.ReserveAsync(outline!.ColumnBytes(limits), cancellationToken);
        var dataset = await UploadedDataset.ReadAsync(reader, file, outline, limits, query.DatasetField, errors, cancellationToken, missing);
        errors.ThrowIfAny();
        file.Position = start; // the preview reads from the top again

        var columns = dataset!.Columns
            .Select(c => new InspectedColumnDto(c.Name, c.Type == ColumnType.Numeric ? "numeric" : "categorical", c.MissingCount, DatasetFacts.Distinct(c)))
            .ToList();

        // A CSV's preview is its cells' own text; a spreadsheet's or Parquet file's is its values as the service reads them.
        var preview = outline.Format == DatasetFormat.Csv
            ? reader.Preview(file, outline, PreviewRows)
            : [.. Enumerable.Range(0, Math.Min(PreviewRows, dataset.RowCount))
                .Select(r => (IReadOnlyList<string>)[.. dataset.Columns.Select(c => StoredDatasetText.Cell(c, r))])];
        return new DatasetInspection(
            new InspectedDatasetDto(dataset.RowCount, columns), preview, outline.Format.ToWireName(), outline.Sheets, outline.Sheet);
    }
}
