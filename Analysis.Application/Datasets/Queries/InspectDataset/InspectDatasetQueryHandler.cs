using Microsoft.Extensions.Options;

namespace Analysis.Application.Datasets.Queries.InspectDataset;

/// <summary>
/// Reads the CSV exactly as a create would (same rules, limits and errors, the same share of the memory budget)
/// and says what it found: each column's type, missing and distinct counts, and the first rows' text. Stores
/// nothing.
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
        if (query.Dataset is not { } csv)
        {
            errors.Add(query.DatasetField, UploadedDataset.RequiredMessage);
            errors.ThrowIfAny();
            throw new InvalidOperationException("Unreachable: a missing dataset is an error.");
        }

        var start = csv.Position;
        var limits = new DatasetLimits(options.Value.MaxRows, options.Value.MaxColumns, options.Value.MaxCells);
        var outline = UploadedDataset.Outline(reader, csv, query.DatasetField, errors);
        errors.ThrowIfAny();
        using var columnsMemory = await memory.ReserveAsync(outline!.ColumnBytes(limits), cancellationToken);
        var dataset = UploadedDataset.Read(reader, csv, outline, limits, query.DatasetField, errors, cancellationToken);
        errors.ThrowIfAny();
        csv.Position = start; // the preview reads from the top again

        var columns = dataset!.Columns
            .Select(c => new InspectedColumnDto(c.Name, c.Type == ColumnType.Numeric ? "numeric" : "categorical", c.MissingCount, DatasetFacts.Distinct(c)))
            .ToList();
        return new DatasetInspection(new InspectedDatasetDto(dataset.RowCount, columns), reader.Preview(csv, outline, PreviewRows));
    }
}
