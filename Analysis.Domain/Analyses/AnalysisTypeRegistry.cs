namespace Analysis.Domain.Analyses;

/// <summary>
/// The analysis types the service takes, by name, and every field any of them has. Built once from the registered
/// types (<see cref="BuiltInAnalysisTypes"/>, and any other the host adds); refuses two types of one name, or one
/// field name with two kinds of value, since the plan parser reads a field before it knows the type.
/// </summary>
public sealed class AnalysisTypeRegistry
{
    private readonly Dictionary<string, IAnalysisType> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SpecField> _fields = new(StringComparer.Ordinal);

    public AnalysisTypeRegistry(IEnumerable<IAnalysisType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        foreach (var type in types)
        {
            if (!_byName.TryAdd(type.Name, type))
            {
                throw new ArgumentException($"Two analysis types are named '{type.Name}'.", nameof(types));
            }

            foreach (var field in type.Forms.SelectMany(f => f.Fields))
            {
                if (_fields.TryGetValue(field.Name, out var known) && known.Kind != field.Kind)
                {
                    throw new ArgumentException(
                        $"Field '{field.Name}' holds a {field.Kind} in '{type.Name}' but a {known.Kind} in another type.", nameof(types));
                }

                _fields.TryAdd(field.Name, field);
            }
        }

        All = [.. _byName.Values];
        Names = [.. _byName.Keys];
    }

    /// <summary>The built-in types alone.</summary>
    public static AnalysisTypeRegistry BuiltIn { get; } = new(BuiltInAnalysisTypes.All);

    /// <summary>In registration order.</summary>
    public IReadOnlyList<IAnalysisType> All { get; }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Every field of every type, by name.</summary>
    public IReadOnlyDictionary<string, SpecField> Fields => _fields;

    public IAnalysisType? Find(string? name) => name is null ? null : _byName.GetValueOrDefault(name);

    /// <summary>The spec of a plan entry of a registered type (checked, or stored after it was checked).</summary>
    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (Find(entry.Type) ?? throw new ArgumentException($"Unknown analysis type '{entry.Type}'.", nameof(entry))).Build(entry, schema);
    }
}
