namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// A part of one column of a session's dataset (the <see cref="AnalysisSession.Dataset"/> schema's column at
/// <see cref="Ordinal"/>) in <c>ColumnBinaryFormat</c>: a column's bytes are the concatenation of its parts in
/// <see cref="Part"/> order. Parts keep each write transaction short (ADR-0009).
/// </summary>
public sealed class SessionDatasetColumnRecord(Guid sessionId, int ordinal, int part, byte[] data)
{
    public Guid SessionId { get; private set; } = sessionId;

    public int Ordinal { get; private set; } = ordinal;

    public int Part { get; private set; } = part;

    public byte[] Data { get; private set; } = data;
}
