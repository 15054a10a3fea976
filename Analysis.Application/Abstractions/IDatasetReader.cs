using Analysis.Application.Datasets;
using Analysis.Domain.Datasets;

namespace Analysis.Application.Abstractions;

/// <summary>Reads an uploaded CSV into a column-oriented dataset.</summary>
public interface IDatasetReader
{
    /// <summary>
    /// Parses the CSV. <paramref name="csv"/> must be seekable (a column that turns out categorical late is
    /// re-read for its exact text). Throws <see cref="DatasetFormatException"/> for a malformed file.
    /// </summary>
    Dataset Read(Stream csv, DatasetLimits limits, CancellationToken cancellationToken);
}
