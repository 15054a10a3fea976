using System.Text.Json;
using System.Text.Json.Serialization;
using Analysis.Application.Sessions.Plans;
using Analysis.Domain.Analyses;

namespace Analysis.Infrastructure.Persistence;

/// <summary>The JSON kept in session columns: the normalised plan, the dataset's column schema, highlights.</summary>
internal static class StoredJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new PlanEntryJsonConverter() },
    };

    public static string WritePlan(IReadOnlyList<PlanEntry> plan) => JsonSerializer.Serialize(plan, Options);

    public static IReadOnlyList<PlanEntry> ReadPlan(string json) => JsonSerializer.Deserialize<PlanEntry[]>(json, Options)!;

    public static string WriteSchema(DatasetSchema schema) => JsonSerializer.Serialize(schema, Options);

    public static DatasetSchema ReadSchema(string json) => JsonSerializer.Deserialize<DatasetSchema>(json, Options)!;

    public static string? WriteLines(List<string>? lines) => lines is null ? null : JsonSerializer.Serialize(lines, Options);

    public static List<string>? ReadLines(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<List<string>>(json, Options);
}
