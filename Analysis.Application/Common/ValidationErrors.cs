using FluentValidation.Results;

namespace Analysis.Application.Common;

/// <summary>Collects problems by path, in the order found, and throws them as one 400.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var list))
        {
            list = [];
            _errors[path] = list;
        }

        if (!list.Contains(message, StringComparer.Ordinal))
        {
            list.Add(message);
        }
    }

    /// <summary>Adds FluentValidation failures, turning their property paths into the API's camelCase paths.</summary>
    public void Add(ValidationResult result, string prefix = "")
    {
        foreach (var failure in result.Errors)
        {
            var path = ToCamelPath(failure.PropertyName);
            Add(prefix.Length == 0 ? path : path.Length == 0 ? prefix : $"{prefix}.{path}", failure.ErrorMessage);
        }
    }

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new RequestValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }

    internal static string ToCamelPath(string propertyPath)
    {
        var segments = propertyPath.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            if (s.Length > 0 && char.IsUpper(s[0]))
            {
                segments[i] = char.ToLowerInvariant(s[0]) + s[1..];
            }
        }

        return string.Join('.', segments);
    }
}
