using System.Text.Json.Nodes;
using Analysis.Application.Datasets.Queries.InspectDataset;
using Analysis.Application.Sessions.Queries.GetSessionDetails;
using Analysis.Domain.Datasets;
using Analysis.Domain.Sessions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Analysis.Api.OpenApi;

/// <summary>
/// Strings the API writes from a closed set, as enums in the document, the sets taken from the code: a session's
/// <c>status</c> (every <see cref="SessionStatus"/> by its wire name) and a column's <c>type</c>.
/// </summary>
public sealed class WireValuesSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly JsonNode[] Statuses = [.. Enum.GetValues<SessionStatus>().Select(s => JsonValue.Create(s.ToWireName()))];

    private static readonly JsonNode[] ColumnTypes = [.. Enum.GetValues<ColumnType>().Select(t => JsonValue.Create(t.ToString().ToLowerInvariant()))];

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonPropertyInfo is not { } property || property.PropertyType != typeof(string))
        {
            return Task.CompletedTask;
        }

        var values = property.Name switch
        {
            "status" => Statuses,
            "type" when property.DeclaringType == typeof(ColumnDto) || property.DeclaringType == typeof(InspectedColumnDto) => ColumnTypes,
            _ => null,
        };
        if (values is not null)
        {
            schema.Enum = [.. values.Select(v => v.DeepClone())];
        }

        return Task.CompletedTask;
    }
}
