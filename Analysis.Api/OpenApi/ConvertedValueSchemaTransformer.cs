using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Analysis.Api.OpenApi;

/// <summary>
/// Dates and doubles go through the API's own converters (UTC ISO 8601 dates; non-finite doubles as null), so the
/// schema generator sees only their format and leaves out their type. Put it back: a date-time is a string, a double
/// a number, either also null where the property is nullable.
/// </summary>
public sealed class ConvertedValueSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (schema.Type is not null)
        {
            return Task.CompletedTask;
        }

        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        var core = underlying ?? type;
        JsonSchemaType? kind = core == typeof(DateTimeOffset) || core == typeof(DateTime) ? JsonSchemaType.String
            : core == typeof(double) || core == typeof(float) || core == typeof(decimal) ? JsonSchemaType.Number
            : null;
        if (kind is { } k)
        {
            schema.Type = underlying is null ? k : k | JsonSchemaType.Null;
        }

        return Task.CompletedTask;
    }
}
