namespace Analysis.Domain.Analyses;

/// <summary>
/// One form a spec of a type may take: what it computes (for the API's reference), the fields it requires and those
/// it may have, and the values a field is limited to. A type with several forms (a <c>ttest</c>: two-sample,
/// one-sample, paired) lists each; the API allows a type exactly the fields of its forms.
/// </summary>
public sealed record SpecForm(
    string Description,
    IReadOnlyList<SpecField> Required,
    IReadOnlyList<SpecField> Optional,
    IReadOnlyDictionary<string, IReadOnlyList<object>>? Values = null)
{
    public IEnumerable<SpecField> Fields => Required.Concat(Optional);

    /// <summary>The values a field is limited to in this form; none when it is not limited.</summary>
    public IReadOnlyList<object>? ValuesOf(string field) => Values?.GetValueOrDefault(field);
}
