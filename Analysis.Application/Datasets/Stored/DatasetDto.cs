namespace Analysis.Application.Datasets.Stored;

/// <summary>A stored dataset as the API shows it (docs/api.md, "Datasets").</summary>
public sealed record DatasetDto(
    Guid DatasetId,
    string? Name,
    string Format,
    int Rows,
    IReadOnlyList<DatasetColumnDto> Columns,
    long Bytes,
    string? Sha256,
    IReadOnlyList<string> NaStrings,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt,
    int Sessions,
    DateTimeOffset? ExpiresAt)
{
    /// <summary>
    /// The dataset with its session count; <c>expiresAt</c> is when retention may erase it — its last use plus the
    /// retention period, while no session keeps it (null while one does, or when retention is off).
    /// </summary>
    public static DatasetDto From(DatasetListing listing, TimeSpan? retention)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var d = listing.Dataset;
        return new DatasetDto(
            d.Id, d.Name, d.Format, d.Schema.Rows,
            [.. d.Schema.Columns.Select(c => new DatasetColumnDto(c.Name, c.Type == ColumnType.Numeric ? "numeric" : "categorical", c.Missing, c.Distinct ?? c.Levels))],
            d.Bytes, d.Sha256, d.NaStrings, d.CreatedAt, d.LastUsedAt, listing.Sessions,
            listing.Sessions == 0 ? d.ExpiresAt(retention) : null);
    }
}

/// <summary>A column: its type, its missing cells, and its distinct non-missing values counted up to 1,001 (null where not counted).</summary>
public sealed record DatasetColumnDto(string Name, string Type, int Missing, int? Distinct);

/// <summary>A page of the owner's datasets, newest first.</summary>
public sealed record DatasetPageDto(IReadOnlyList<DatasetDto> Datasets, int Page, int PageSize, int Total);

/// <summary>A dataset and the text of its first rows.</summary>
public sealed record DatasetWithPreviewDto(DatasetDto Dataset, IReadOnlyList<IReadOnlyList<string>> Preview);
