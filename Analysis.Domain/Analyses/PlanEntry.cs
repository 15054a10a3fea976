namespace Analysis.Domain.Analyses;

/// <summary>
/// One analysis of a plan as the API writes it: its type and its fields by name, in order — a text, a flag, a
/// number or a list of names each. Parsed from a request it is what the caller sent; built from a spec
/// (<see cref="AnalysisSpec.ToEntry"/>) it is the normalised form, defaults filled in, which a session stores and
/// shows and from which its type's <see cref="IAnalysisType.Build"/> makes the same spec again.
/// </summary>
public sealed class PlanEntry : IEquatable<PlanEntry>
{
    private readonly KeyValuePair<string, object>[] _fields;

    public PlanEntry(string? type, IEnumerable<KeyValuePair<string, object>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Type = type;
        _fields = [.. fields];
        foreach (var (name, value) in _fields)
        {
            if (value is not (string or bool or double or IReadOnlyList<string>))
            {
                throw new ArgumentException($"Field '{name}' holds a {value?.GetType().Name ?? "null"}; a field is a text, a flag, a number or a list of names.", nameof(fields));
            }
        }
    }

    /// <summary>The analysis type's name (<c>ttest</c>); null when a request left it out.</summary>
    public string? Type { get; }

    /// <summary>The fields other than <c>type</c>, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Fields => _fields;

    /// <summary>An entry of the given fields, leaving out those whose value is null (a field absent).</summary>
    public static PlanEntry Of(string type, params (string Name, object? Value)[] fields) =>
        new(type, fields.Where(f => f.Value is not null).Select(f => KeyValuePair.Create(f.Name, f.Value!)));

    public bool Has(string name) => Array.FindIndex(_fields, f => f.Key == name) >= 0;

    public string? Text(string name) => Value(name) as string;

    public bool? Flag(string name) => Value(name) is bool flag ? flag : null;

    public double? Number(string name) => Value(name) is double number ? number : null;

    public IReadOnlyList<string>? Names(string name) => Value(name) as IReadOnlyList<string>;

    public bool Equals(PlanEntry? other) =>
        other is not null && Type == other.Type && _fields.Length == other._fields.Length &&
        _fields.Zip(other._fields).All(p => p.First.Key == p.Second.Key && SameValue(p.First.Value, p.Second.Value));

    public override bool Equals(object? obj) => Equals(obj as PlanEntry);

    public override int GetHashCode() => HashCode.Combine(Type, _fields.Length);

    public override string ToString() =>
        $"{{type: {Type}{string.Concat(_fields.Select(f => $", {f.Key}: {(f.Value is IReadOnlyList<string> names ? $"[{string.Join(", ", names)}]" : f.Value)}"))}}}";

    private object? Value(string name)
    {
        foreach (var (key, value) in _fields)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    private static bool SameValue(object a, object b) =>
        a is IReadOnlyList<string> x && b is IReadOnlyList<string> y ? x.SequenceEqual(y, StringComparer.Ordinal) : a.Equals(b);
}
