namespace Analysis.Application.Common;

/// <summary>
/// The request is invalid; <see cref="Errors"/> names each problem by its path (<c>analyses[2].groupBy</c>).
/// The API answers 400. Nothing has been stored when this is thrown.
/// </summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(Summarize(errors))
    {
        Errors = errors;
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    private static string Summarize(IReadOnlyDictionary<string, string[]> errors)
    {
        var first = errors.First();
        var count = errors.Sum(e => e.Value.Length);
        var more = count > 1 ? $" (and {count - 1} more problem{(count > 2 ? "s" : string.Empty)})" : string.Empty;
        return $"Invalid request: {first.Key}: {first.Value[0]}{more}";
    }
}
