namespace Analysis.Application.Datasets;

/// <summary>
/// The file breaks a rule of docs/api.md (ragged row, duplicate header, no rows, too large, damaged, an unknown
/// sheet ...). <see cref="Field"/> names the request field at fault when it is not the file's own (<c>sheet</c>).
/// </summary>
public sealed class DatasetFormatException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
