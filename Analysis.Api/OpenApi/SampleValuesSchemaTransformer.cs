using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Analysis.Api.OpenApi;

/// <summary>
/// A sampled column's <c>values</c>: the generator leaves a list of nullable doubles without its items and drops
/// the null from a list of strings. Each is an array of numbers or of texts, null for a missing value.
/// </summary>
public sealed class SampleValuesSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var item = context.JsonTypeInfo.Type == typeof(NumericSampleColumn) ? new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null, Format = "double" }
            : context.JsonTypeInfo.Type == typeof(CategoricalSampleColumn) ? new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null }
            : null;
        if (item is not null && schema.Properties is { } properties && properties.TryGetValue("values", out var values) && values is OpenApiSchema array)
        {
            array.Items = item;
        }

        return Task.CompletedTask;
    }
}
