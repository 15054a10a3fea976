using Analysis.Application.Sessions.Queries.GetSessionStatus;

namespace Analysis.Application.Abstractions;

/// <summary>
/// Writes the status body as it goes on the wire (the API owns the envelope and the JSON settings). The status
/// read caches what this returns, one body per session version.
/// </summary>
public interface IStatusBodySerializer
{
    byte[] Serialize(SessionStatusDto status);
}
