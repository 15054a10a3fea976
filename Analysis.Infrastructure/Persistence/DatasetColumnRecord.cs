namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// A part of one column of a stored dataset (its schema's column at <see cref="Ordinal"/>) in
/// <c>ColumnBinaryFormat</c>: a column's bytes are the concatenation of its parts in <see cref="Part"/> order. Parts
/// keep each write transaction short (ADR-0009).
/// </summary>
public sealed class DatasetColumnRecord(Guid datasetId, int ordinal, int part, byte[] data)
{
    public Guid DatasetId { get; private set; } = datasetId;

    public int Ordinal { get; private set; } = ordinal;

    public int Part { get; private set; } = part;

    public byte[] Data { get; private set; } = data;
}
