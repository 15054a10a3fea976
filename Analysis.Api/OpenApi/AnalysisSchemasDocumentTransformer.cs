using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Analysis.Domain.Analyses;
using Analysis.Infrastructure.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Analysis.Api.OpenApi;

/// <summary>
/// Specs and results, one schema per registered analysis type under a <c>oneOf</c> with a discriminator on
/// <c>type</c>, so a generated client gets typed specs and typed results. Nothing here is a hand-written copy; every
/// schema comes from the type's descriptor in the <see cref="AnalysisTypeRegistry"/>:
/// <list type="bullet">
/// <item>each spec schema is the forms of its type (the validator allows exactly those fields), each field's JSON
/// type taken from its kind;</item>
/// <item>each result schema is exported from the type's result type with <see cref="ResultsJson"/>'s own options
/// (the names and shape the results endpoint writes), plus what an entry that could not be computed carries:
/// its spec's fields and <c>error</c>.</item>
/// </list>
/// </summary>
public sealed class AnalysisSchemasDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string SpecSchema = "AnalysisSpec";
    public const string ResultSchema = "AnalysisResult";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        var schemas = document.Components?.Schemas ?? throw new InvalidOperationException("The document has no schemas.");
        var types = context.ApplicationServices.GetRequiredService<AnalysisTypeRegistry>();
        AddSpecs(document, schemas, types);
        AddResults(document, schemas, types);

        // Where a plan entry is read or written (the create's body, the details), the union of spec schemas describes it.
        if (schemas["SessionDetailsDto"].Properties?["analyses"] is OpenApiSchema plan)
        {
            plan.Items = new OpenApiSchemaReference(SpecSchema, document);
        }

        if (document.Paths["/api/session"].Operations?[HttpMethod.Post].RequestBody?.Content?["application/json"].Schema?.Properties?["analyses"] is OpenApiSchema body)
        {
            body.Items = new OpenApiSchemaReference(SpecSchema, document);
        }

        if (schemas["SessionResultsResponse"] is OpenApiSchema results && results.Properties is { } properties)
        {
            properties["results"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "One entry per analysis, in plan order.",
                Items = new OpenApiSchemaReference(ResultSchema, document),
            };
        }

        return Task.CompletedTask;
    }

    private static void AddSpecs(OpenApiDocument document, IDictionary<string, IOpenApiSchema> schemas, AnalysisTypeRegistry types)
    {
        // One schema per type. A type with several forms (a ttest: two-sample, one-sample, paired) gets the union of
        // their fields; its description names the forms, and the service says which field is missing or extra.
        var mapping = new Dictionary<string, OpenApiSchemaReference>(StringComparer.Ordinal);
        foreach (var analysisType in types.All)
        {
            var forms = analysisType.Forms;
            var type = analysisType.Name;
            var name = analysisType.SchemaName + "Spec";
            var description = forms.Count == 1
                ? forms[0].Description
                : $"One {type} analysis, in one of {forms.Count} forms: " + string.Join(" ", forms.Select(f =>
                    $"{f.Description} (requires {string.Join(", ", f.Required.Select(r => $"`{r.Name}`"))}" +
                    (f.Values is not { Count: > 0 } values ? ")" : $"; {string.Join(", ", values.Select(v => $"`{v.Key}`: {string.Join(" or ", v.Value).ToLowerInvariant()}"))})")));
            var required = forms.Skip(1).Aggregate(forms[0].Required.Select(r => r.Name), (all, f) => all.Intersect(f.Required.Select(r => r.Name), StringComparer.Ordinal));
            var schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = description,
                AdditionalPropertiesAllowed = false,
                Required = new HashSet<string>(["type", .. required]),
                Properties = new Dictionary<string, IOpenApiSchema> { ["type"] = Constant(type) },
            };
            foreach (var field in forms.SelectMany(f => f.Fields).DistinctBy(f => f.Name, StringComparer.Ordinal))
            {
                var property = Field(field);
                var values = forms.Select(f => f.ValuesOf(field.Name)).ToList();
                if (values.All(v => v is not null))
                {
                    var allowed = values.SelectMany(v => v!).Distinct().ToList();
                    if (!(allowed.Count == 2 && allowed.All(v => v is bool)))
                    {
                        property.Enum = [.. allowed.Select(v => JsonSerializer.SerializeToNode(v)!)];
                    }
                }

                schema.Properties[field.Name] = property;
            }

            schemas[name] = schema;
            mapping[type] = new OpenApiSchemaReference(name, document);
        }

        schemas[SpecSchema] = new OpenApiSchema
        {
            Description = "One analysis of the plan; `type` says which.",
            OneOf = [.. mapping.Values.Select(r => (IOpenApiSchema)new OpenApiSchemaReference(r.Reference.Id!, document))],
            Discriminator = new OpenApiDiscriminator { PropertyName = "type", Mapping = mapping },
        };
    }

    private static void AddResults(OpenApiDocument document, IDictionary<string, IOpenApiSchema> schemas, AnalysisTypeRegistry types)
    {
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) =>
            {
                // Doubles go through FiniteDoubleConverter, which the exporter cannot see into.
                var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
                if (type == typeof(double) && (node is not JsonObject o || !o.ContainsKey("type")))
                {
                    return Number();
                }

                // A member that may be null is left out when it is (ResultsJson writes no nulls): not required.
                if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && node is JsonObject schemaNode && schemaNode["required"] is JsonArray required)
                {
                    foreach (var member in context.TypeInfo.Properties.Where(m => m.IsGetNullable || Nullable.GetUnderlyingType(m.PropertyType) is not null))
                    {
                        required.Remove(required.FirstOrDefault(r => r?.GetValue<string>() == member.Name));
                    }
                }

                // An array of doubles (or of arrays of doubles) loses its items the same way.
                if (node is JsonObject array && !array.ContainsKey("items") && context.TypeInfo.ElementType is { } element)
                {
                    if (element == typeof(double))
                    {
                        array["items"] = Number();
                    }
                    else if (element == typeof(double[]))
                    {
                        array["items"] = new JsonObject { ["type"] = "array", ["items"] = Number() };
                    }
                }

                return node;
            },
        };

        var mapping = new Dictionary<string, OpenApiSchemaReference>(StringComparer.Ordinal);
        foreach (var analysisType in types.All.OrderBy(t => t.ResultType.Name, StringComparer.Ordinal))
        {
            var (type, resultType) = (analysisType.Name, analysisType.ResultType);
            var node = InlineLocalReferences(ResultsJson.Options.GetJsonSchemaAsNode(resultType, exporter));
            var schema = OpenApiModelFactory.Parse<OpenApiSchema>(node.ToJsonString(), OpenApiSpecVersion.OpenApi3_1, document, out _, "json")
                         ?? throw new InvalidOperationException($"The schema of {resultType.Name} could not be read.");
            schema.Description = $"The result of one {type} analysis. When `error` is present it could not be computed: the " +
                                 "entry echoes the spec's fields, `n` where known, and says why in `error`; the numbers are absent.";
            schema.Required = new HashSet<string>(["type"]);
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["type"] = Constant(type);
            foreach (var field in analysisType.Forms.SelectMany(f => f.Fields).Where(f => !schema.Properties.ContainsKey(f.Name)))
            {
                schema.Properties[field.Name] = Field(field);
            }

            schema.Properties["error"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Why this analysis has no numbers, for a person (e.g. that the data are constant).",
            };
            var name = resultType.Name;
            schemas[name] = schema;
            mapping[type] = new OpenApiSchemaReference(name, document);
        }

        schemas[ResultSchema] = new OpenApiSchema
        {
            Description = "The outcome of one analysis; `type` says which.",
            OneOf = [.. mapping.Values.Select(r => (IOpenApiSchema)new OpenApiSchemaReference(r.Reference.Id!, document))],
            Discriminator = new OpenApiDiscriminator { PropertyName = "type", Mapping = mapping },
        };
    }

    /// <summary>A double as FiniteDoubleConverter writes it: a number, or null where not finite (said in warnings).</summary>
    private static JsonObject Number() => new() { ["type"] = new JsonArray("number", "null"), ["format"] = "double" };

    private static OpenApiSchema Constant(string value) => new()
    {
        Type = JsonSchemaType.String,
        Enum = [JsonValue.Create(value)],
    };

    /// <summary>A spec field's schema, from its kind (a field is present or left out: never null).</summary>
    private static OpenApiSchema Field(SpecField field) => field.Kind switch
    {
        SpecFieldKind.Text => new() { Type = JsonSchemaType.String },
        SpecFieldKind.Flag => new() { Type = JsonSchemaType.Boolean },
        SpecFieldKind.Number => new() { Type = JsonSchemaType.Number, Format = "double" },
        SpecFieldKind.Names or SpecFieldKind.Levels => new() { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        _ => throw new InvalidOperationException($"Unknown field kind {field.Kind}."),
    };

    /// <summary>The exporter points at a repeated sub-schema with a local <c>$ref</c>; inline a copy instead.</summary>
    private static JsonNode InlineLocalReferences(JsonNode root)
    {
        JsonNode? Resolve(JsonNode? node) => node switch
        {
            JsonObject o when o["$ref"] is JsonValue r && r.GetValue<string>() is ['#', ..] pointer =>
                Resolve(Find(root, pointer)?.DeepClone()),
            JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value)))),
            JsonArray a => new JsonArray([.. a.Select(Resolve)]),
            _ => node?.DeepClone(),
        };

        return Resolve(root) ?? throw new InvalidOperationException("Empty schema.");
    }

    private static JsonNode? Find(JsonNode root, string pointer)
    {
        var node = root;
        foreach (var part in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject o => o[key],
                JsonArray a when int.TryParse(key, out var i) => a[i],
                _ => null,
            };
        }

        return node;
    }
}
