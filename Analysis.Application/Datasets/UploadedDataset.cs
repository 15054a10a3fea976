namespace Analysis.Application.Datasets;

/// <summary>
/// Reads a file that came with a request (a create, an inspect, a dataset upload): a malformed file becomes an error
/// on the request field it came from (<c>dataset</c>, <c>file</c>, <c>csv</c>), collected with the request's other
/// problems.
/// </summary>
public static class UploadedDataset
{
    public const string RequiredMessage = "Required: the CSV dataset.";

    /// <summary>The file's outline; null (with an error on <paramref name="field"/> or <c>sheet</c>) when it has none.</summary>
    public static async Task<DatasetOutline?> OutlineAsync(
        IDatasetReader reader, Stream? file, string? sheet, string field, ValidationErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(errors);
        if (file is null)
        {
            return null;
        }

        try
        {
            return await reader.OutlineAsync(file, sheet, cancellationToken);
        }
        catch (DatasetFormatException ex)
        {
            errors.Add(ex.Field ?? field, ex.Message);
            return null;
        }
    }

    public static async Task<Dataset?> ReadAsync(
        IDatasetReader reader, Stream file, DatasetOutline outline, DatasetLimits limits, string field, ValidationErrors errors,
        CancellationToken cancellationToken, MissingValues? missing = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return await reader.ReadAsync(file, outline, limits, cancellationToken, missing);
        }
        catch (DatasetFormatException ex)
        {
            errors.Add(ex.Field ?? field, ex.Message);
            return null;
        }
    }
}
