namespace Analysis.Application.Common;

/// <summary>An <c>Idempotency-Key</c> the owner used for a different request within its lifetime: 422 (docs/api.md).</summary>
public sealed class IdempotencyConflictException()
    : Exception("Idempotency-Key reused with a different request");
