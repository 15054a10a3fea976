namespace Analysis.Application.Sessions.Plans;

/// <summary>
/// A parsed plan, checked in two steps, every problem by path (<c>analyses[2].groupBy</c>): each entry's fields before
/// the dataset is read (a known type, only the fields its forms have, values it allows, and the type's own rules), then,
/// with the dataset, each entry built into its spec with its defaults and checked against the data. The rules
/// themselves belong to each type (<see cref="IAnalysisType.CheckFields"/>, <see cref="AnalysisSpec.CheckData"/>).
/// </summary>
public sealed class AnalysisPlanValidator(AnalysisTypeRegistry types)
{
    /// <summary>The entry's fields; false when any problem was found.</summary>
    public bool CheckFields(PlanEntry entry, string path, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(errors);
        var found = false;
        void Fail(string field, string message)
        {
            errors.Add($"{path}.{field}", message);
            found = true;
        }

        var type = types.Find(entry.Type);
        if (string.IsNullOrWhiteSpace(entry.Type))
        {
            Fail("type", $"Required: one of {string.Join(", ", types.Names)}.");
        }
        else if (type is null)
        {
            Fail("type", $"Unknown analysis type '{entry.Type}'; expected one of {string.Join(", ", types.Names)}.");
        }

        var allowed = type?.Forms.SelectMany(f => f.Fields).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (field, _) in entry.Fields.Where(f => allowed is not null && !allowed.Contains(f.Key)))
        {
            Fail(field, $"Not a field of a {entry.Type} analysis.");
        }

        if (!FieldChecks.Distinct(entry.Names(SpecFields.Columns.Name)))
        {
            Fail(SpecFields.Columns.Name, "A column is named twice.");
        }

        if (type is not null)
        {
            CheckValues(type, entry, Fail);
            type.CheckFields(entry, Fail);
        }

        return !found;
    }

    /// <summary>
    /// The spec of an entry whose fields passed <see cref="CheckFields"/>, with its defaults, checked against the data
    /// it will run on.
    /// </summary>
    public AnalysisSpec Build(PlanEntry entry, Dataset data, string path, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(errors);
        var spec = types.Build(entry, data.Schema);
        spec.CheckData(data, (field, message) => errors.Add($"{path}.{field}", message));
        return spec;
    }

    /// <summary>A text field limited to some values in every form of the type (<c>method</c>, <c>center</c>) holds one.</summary>
    private static void CheckValues(IAnalysisType type, PlanEntry entry, Action<string, string> fail)
    {
        foreach (var (field, value) in entry.Fields)
        {
            if (value is not string text)
            {
                continue;
            }

            var limits = type.Forms.Select(f => f.ValuesOf(field)).ToList();
            if (limits.Count == 0 || limits.Any(l => l is null))
            {
                continue;
            }

            var allowed = limits.SelectMany(l => l!).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (!allowed.Contains(text, StringComparer.Ordinal))
            {
                var quoted = allowed.Select(a => $"\"{a}\"").ToList();
                fail(field, $"Must be {string.Join(", ", quoted[..^1])} or {quoted[^1]}.");
            }
        }
    }
}
