using Analysis.Domain.Sessions;

namespace Analysis.Infrastructure.Persistence;

/// <summary>One column of a session's dataset (the <see cref="AnalysisSession.Dataset"/> schema's column at <see cref="Ordinal"/>) in <c>ColumnBinaryFormat</c>.</summary>
public sealed class SessionDatasetColumnRecord(Guid sessionId, int ordinal, byte[] data)
{
    public Guid SessionId { get; private set; } = sessionId;

    public int Ordinal { get; private set; } = ordinal;

    public byte[] Data { get; private set; } = data;
}
