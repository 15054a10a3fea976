using System.Text.Json;

namespace Analysis.Application.Sessions.Commands.CreateSession;

/// <summary>
/// Create a session for <see cref="Owner"/> from a CSV and a plan. <see cref="Dataset"/> is the CSV as a seekable
/// stream; <see cref="DatasetField"/> is the request field it came from (<c>dataset</c> or <c>csv</c>), used in
/// error paths.
/// </summary>
public sealed record CreateSessionCommand(string Owner, string? Name, JsonElement? Analyses, Stream? Dataset, string DatasetField)
{
    /// <summary>The request's <c>Idempotency-Key</c>, when it sent one.</summary>
    public string? IdempotencyKey { get; init; }
}

public sealed record CreateSessionResult(Guid SessionId, string Status);
