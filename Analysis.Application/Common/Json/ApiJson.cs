using System.Text.Json;
using System.Text.Json.Serialization;
using Analysis.Application.Sessions.Plans;

namespace Analysis.Application.Common.Json;

/// <summary>
/// The API's JSON settings, in one place: camelCase names, numbers as numbers, times as ISO-8601 UTC with
/// milliseconds, non-finite numbers as null, plan entries as objects, and the safe encoder (what a caller sent comes
/// back with &lt;, &gt;, &amp;, ' and + escaped, so a body that ends up in HTML cannot carry markup; letters of every
/// script stay readable). MVC's options are configured from here, and the status read, which serializes the status
/// body once per version, uses <see cref="Options"/>: the two cannot differ.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Encoder = SafeJson.Encoder;
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict; // numbers are numbers, on the wire and in the OpenAPI document
        options.Converters.Add(new IsoUtcDateTimeOffsetConverter());
        options.Converters.Add(new FiniteDoubleConverter());
        options.Converters.Add(new PlanEntryJsonConverter());
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
