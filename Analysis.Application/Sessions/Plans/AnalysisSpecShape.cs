namespace Analysis.Application.Sessions.Plans;

/// <summary>
/// One form a spec may take on the wire: its <c>type</c>, the fields it requires and those it may have, and the
/// values a field is limited to. <see cref="AnalysisSpecShapes"/> lists them; the validator allows exactly these
/// fields per type, and the OpenAPI document describes one schema per shape (the fields' types come from
/// <see cref="AnalysisSpecDto"/>).
/// </summary>
public sealed record AnalysisSpecShape(
    string Name,
    string Type,
    string Description,
    IReadOnlyList<string> Required,
    IReadOnlyList<string> Optional,
    IReadOnlyDictionary<string, IReadOnlyList<object>> Values)
{
    public IEnumerable<string> Fields => Required.Concat(Optional);
}
