using System.Text.Json;

namespace Analysis.Application.Sessions.Commands.CreateSession;

/// <summary>
/// Create a session for <see cref="Owner"/> from a file (CSV, XLSX, Parquet) and a plan. <see cref="Dataset"/> is the file as a seekable
/// stream; <see cref="DatasetField"/> is the request field it came from (<c>dataset</c> or <c>csv</c>), used in
/// error paths.
/// </summary>
public sealed record CreateSessionCommand(string Owner, string? Name, JsonElement? Analyses, Stream? Dataset, string DatasetField)
{
    /// <summary>The request's <c>Idempotency-Key</c>, when it sent one.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>How many <c>Idempotency-Key</c> headers the request had (more than one is a mistake, not a key).</summary>
    public int IdempotencyKeyHeaders { get; init; }

    /// <summary>
    /// The owner's stored dataset to run on, in place of <see cref="Dataset"/> (exactly one of the two); an id that
    /// names none, malformed included, is <see cref="Guid.Empty"/>.
    /// </summary>
    public Guid? DatasetId { get; init; }

    /// <summary>The cells the upload reads as missing (<c>naStrings</c>); null: the default.</summary>
    public IReadOnlyList<string>? NaStrings { get; init; }

    /// <summary>The worksheet of an XLSX upload to read (<c>sheet</c>); null: the first.</summary>
    public string? Sheet { get; init; }
}

public sealed record CreateSessionResult(Guid SessionId, string Status);
