using Analysis.Application.Datasets;

namespace Analysis.Application.Abstractions;

/// <summary>Reads an uploaded file — CSV, XLSX or Parquet, told apart by content — into a column-oriented dataset.</summary>
public interface IDatasetReader
{
    /// <summary>
    /// The file's format and outline (<see cref="DatasetOutline"/>), without parsing its values: for a CSV one
    /// vectorised pass, for an XLSX its sheet list and header row, for Parquet its metadata. <paramref name="sheet"/>
    /// names an XLSX's worksheet (null: the first); it is an error for the other formats. Throws
    /// <see cref="DatasetFormatException"/> for a file with no header, a damaged file, or an unknown sheet. The file
    /// must be seekable; it is left where it was found.
    /// </summary>
    Task<DatasetOutline> OutlineAsync(Stream file, string? sheet, CancellationToken cancellationToken);

    /// <summary>
    /// Parses the file as its outline says. Throws <see cref="DatasetFormatException"/> for a malformed file or one
    /// past the limits. The cells read as missing are <paramref name="missing"/>'s (null: <see cref="MissingValues.Default"/>).
    /// </summary>
    Task<Dataset> ReadAsync(
        Stream file, DatasetOutline outline, DatasetLimits limits, CancellationToken cancellationToken, MissingValues? missing = null);

    /// <summary>
    /// A CSV's text of the cells of the first <paramref name="rows"/> data rows (after the header; blank lines
    /// skipped, as <see cref="ReadAsync"/> does), unquoted. Leaves the stream where it found it.
    /// </summary>
    IReadOnlyList<IReadOnlyList<string>> Preview(Stream csv, DatasetOutline outline, int rows);
}
