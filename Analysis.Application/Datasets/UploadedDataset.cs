namespace Analysis.Application.Datasets;

/// <summary>
/// Reads a CSV that came with a request (a create, an inspect): a malformed file becomes an error on the request
/// field it came from (<c>dataset</c> or <c>csv</c>), collected with the request's other problems.
/// </summary>
public static class UploadedDataset
{
    public const string RequiredMessage = "Required: the CSV dataset.";

    public static DatasetOutline? Outline(IDatasetReader reader, Stream? csv, string field, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(errors);
        if (csv is null)
        {
            return null;
        }

        try
        {
            return reader.Outline(csv);
        }
        catch (DatasetFormatException ex)
        {
            errors.Add(field, ex.Message);
            return null;
        }
    }

    public static Dataset? Read(
        IDatasetReader reader, Stream csv, DatasetOutline outline, DatasetLimits limits, string field, ValidationErrors errors,
        CancellationToken cancellationToken, MissingValues? missing = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return reader.Read(csv, outline, limits, cancellationToken, missing);
        }
        catch (DatasetFormatException ex)
        {
            errors.Add(field, ex.Message);
            return null;
        }
    }
}
