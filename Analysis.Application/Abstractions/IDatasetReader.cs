using Analysis.Application.Datasets;

namespace Analysis.Application.Abstractions;

/// <summary>Reads an uploaded CSV into a column-oriented dataset.</summary>
public interface IDatasetReader
{
    /// <summary>
    /// The CSV's outline (delimiter, width, a bound on its rows) from one vectorised pass, without parsing it.
    /// Throws <see cref="DatasetFormatException"/> for a file with no header. Leaves the stream where it found it.
    /// </summary>
    DatasetOutline Outline(Stream csv);

    /// <summary>
    /// Parses the CSV. <paramref name="csv"/> must be seekable (a column that turns out categorical late is
    /// re-read for its exact text). Throws <see cref="DatasetFormatException"/> for a malformed file or one past
    /// the limits. The cells read as missing are <paramref name="missing"/>'s (null: <see cref="MissingValues.Default"/>).
    /// </summary>
    Dataset Read(Stream csv, DatasetOutline outline, DatasetLimits limits, CancellationToken cancellationToken, MissingValues? missing = null);

    /// <summary>
    /// The text of the cells of the first <paramref name="rows"/> data rows (after the header; blank lines skipped, as
    /// <see cref="Read"/> does), unquoted. Leaves the stream where it found it.
    /// </summary>
    IReadOnlyList<IReadOnlyList<string>> Preview(Stream csv, DatasetOutline outline, int rows);
}
