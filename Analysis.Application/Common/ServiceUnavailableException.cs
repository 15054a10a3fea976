namespace Analysis.Application.Common;

/// <summary>
/// The service cannot take the request now but will soon (shutting down, at a limit, storage busy): the API answers
/// 503 with <c>Retry-After</c>. Nothing has been stored when this is thrown.
/// </summary>
public sealed class ServiceUnavailableException(string message, int retryAfterSeconds = 1) : Exception(message)
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
