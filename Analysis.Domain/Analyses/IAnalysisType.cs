namespace Analysis.Domain.Analyses;

/// <summary>
/// Everything the service knows of one analysis type besides its computation: its name, the forms its spec takes
/// (which the plan parser, the validator and the OpenAPI document read), the checks of a spec's fields against each
/// other, how a spec is built with its defaults, and its result type. The spec itself checks its columns against
/// the data and computes (<see cref="AnalysisSpec"/>). Registered once, in <see cref="BuiltInAnalysisTypes"/>; the
/// rest of the service reads the <see cref="AnalysisTypeRegistry"/>.
/// </summary>
public interface IAnalysisType
{
    /// <summary>The wire name (<c>ttest</c>), the spec's and the result's <c>type</c>.</summary>
    string Name { get; }

    /// <summary>The name's PascalCase form for the OpenAPI document (<c>TTest</c> → <c>TTestSpec</c>).</summary>
    string SchemaName { get; }

    IReadOnlyList<SpecForm> Forms { get; }

    /// <summary>The result's CLR type, whose JSON form the OpenAPI document describes.</summary>
    Type ResultType { get; }

    /// <summary>
    /// The rules a spec's fields obey among themselves, past their kinds (which the parser checks) and the fields the
    /// forms allow (which the validator checks): what is required, what goes with what, values in range. Each problem
    /// is reported by field (<c>groupBy</c>, <c>columns</c>), once.
    /// </summary>
    void CheckFields(PlanEntry entry, Action<string, string> fail);

    /// <summary>The spec of an entry whose fields passed <see cref="CheckFields"/>, defaults filled in from the schema.</summary>
    AnalysisSpec Build(PlanEntry entry, DatasetSchema schema);
}
