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
/// <c>status</c> (every <see cref="SessionStatus"/> by its wire name), a column's <c>type</c>, and a power calculation's
/// <c>test</c>, <c>type</c> and <c>alternative</c>.
/// </summary>
public sealed class WireValuesSchemaTransformer : IOpenApiSchemaTransformer
{
    private static readonly JsonNode[] Statuses = [.. Enum.GetValues<SessionStatus>().Select(s => JsonValue.Create(s.ToWireName()))];

    private static readonly JsonNode[] PowerTests = [.. Application.Power.PowerService.Tests.Select(t => JsonValue.Create(t))];

    private static readonly JsonNode[] PowerTypes = [JsonValue.Create("two.sample"), JsonValue.Create("one.sample"), JsonValue.Create("paired")];

    private static readonly JsonNode[] Alternatives = [JsonValue.Create("two.sided"), JsonValue.Create("one.sided")];

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
            "test" when property.DeclaringType == typeof(Contracts.PowerRequest) || property.DeclaringType == typeof(Application.Power.PowerDto) => PowerTests,
            "type" when property.DeclaringType == typeof(Contracts.PowerRequest) || property.DeclaringType == typeof(Application.Power.PowerDto) => PowerTypes,
            "alternative" when property.DeclaringType == typeof(Contracts.PowerRequest) || property.DeclaringType == typeof(Application.Power.PowerDto) => Alternatives,
            _ => null,
        };
        if (values is not null)
        {
            schema.Enum = [.. values.Select(v => v.DeepClone())];
        }

        return Task.CompletedTask;
    }
}
