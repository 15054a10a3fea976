using System.Globalization;
using Microsoft.Extensions.Options;

namespace Analysis.Application.Sessions.Plans;

/// <summary>
/// A parsed plan, checked in three steps, every problem by path (<c>analyses[2].groupBy</c>): each entry's fields before
/// the dataset is read (a known type, only the fields its forms have, values it allows, and the type's own rules), then,
/// with the dataset, each entry built into its spec with its defaults and checked against the data, and last the plan's
/// cost: no analysis more work than a run may take, no results larger than a session may hold. The rules themselves
/// belong to each type (<see cref="IAnalysisType.CheckFields"/>, <see cref="AnalysisSpec.CheckData"/>,
/// <see cref="AnalysisSpec.Cost"/>).
/// </summary>
public sealed class AnalysisPlanValidator(AnalysisTypeRegistry types, IOptions<AnalysisOptions> options)
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
            type.CheckFields(entry, Fail);
            CheckValues(type, entry, Fail);
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
        var spec = types.Build(entry, data.Schema);
        CheckData(spec, data, path, errors);
        return spec;
    }

    /// <summary>The spec of an entry whose fields passed <see cref="CheckFields"/>, from the schema alone; check its data with <see cref="CheckData"/>.</summary>
    public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema) => types.Build(entry, schema);

    /// <summary>The spec's columns checked against the data (at least the columns it uses).</summary>
    public static void CheckData(AnalysisSpec spec, Dataset data, string path, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(errors);
        spec.CheckData(data, (field, message) => errors.Add($"{path}.{field}", message));
    }

    /// <summary>
    /// The plan's cost against the limits (ADR-0018): each analysis within <c>Analysis:MaxWorkPerAnalysis</c> (else its
    /// error names its work and what is cheaper), the results together within <c>Analysis:MaxResultBytes</c> (else the
    /// error names their size and the largest). Call it on a plan that passed <see cref="Build(PlanEntry, Dataset, string, ValidationErrors)"/>.
    /// </summary>
    public void CheckCost(IReadOnlyList<AnalysisSpec> plan, DatasetSchema schema, string path, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(errors);
        var limits = options.Value;
        ArgumentNullException.ThrowIfNull(schema);
        var costs = plan.Select(spec => spec.Cost(schema)).ToList();
        for (var i = 0; i < plan.Count; i++)
        {
            if (costs[i].Work > limits.MaxWorkPerAnalysis)
            {
                errors.Add($"{path}[{i}]", string.Create(CultureInfo.InvariantCulture,
                    $"This {plan[i].Type} analysis of {schema.Rows:N0} rows is about {Seconds(costs[i].Work)} of work, past the {Seconds(limits.MaxWorkPerAnalysis)} one analysis may take (Analysis:MaxWorkPerAnalysis): {plan[i].CheaperAlternative}."));
            }
        }

        var total = costs.Sum(c => c.ResultBytes);
        if (total > limits.EffectiveMaxResultBytes)
        {
            var largest = costs.Select((c, i) => (c.ResultBytes, i)).OrderByDescending(x => x.ResultBytes).Take(3)
                .Select(x => $"{path}[{x.i}] ({Bytes(x.ResultBytes)})");
            errors.Add(path, $"The plan's results could take about {Bytes(total)}, past the {Bytes(limits.EffectiveMaxResultBytes)} a session's results may take " +
                $"(Analysis:MaxResultBytes); the largest: {string.Join(", ", largest)}. Run fewer analyses at once, or name fewer columns.");
        }
    }

    /// <summary>Work as the time it takes one core: "about 250 s" (a unit is about a nanosecond).</summary>
    private static string Seconds(double work) => work < 1e9
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, Math.Round(work / 1e6))} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(work / 1e9):N0} s");

    private static string Bytes(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MiB");

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
