using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analysis.Application.Sessions.Plans;

/// <summary>
/// A plan entry as a JSON object: <c>type</c> first, then its fields as the API writes them (strings, booleans,
/// numbers, arrays of names). Read back by the kind of each value, so a stored plan needs no registry to be read.
/// </summary>
public sealed class PlanEntryJsonConverter : JsonConverter<PlanEntry>
{
    public override PlanEntry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A plan entry is a JSON object.");
        }

        string? type = null;
        var fields = new List<KeyValuePair<string, object>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            object? value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.True or JsonTokenType.False => reader.GetBoolean(),
                JsonTokenType.Number => reader.GetDouble(),
                JsonTokenType.StartArray => JsonSerializer.Deserialize<string[]>(ref reader, options),
                JsonTokenType.Null => null,
                _ => throw new JsonException($"Plan entry field '{name}' holds a {reader.TokenType}."),
            };
            if (name == "type")
            {
                type = value as string;
            }
            else if (value is not null)
            {
                fields.Add(KeyValuePair.Create(name, value));
            }
        }

        return new PlanEntry(type, fields);
    }

    public override void Write(Utf8JsonWriter writer, PlanEntry value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        WriteFields(writer, value, options);
        writer.WriteEndObject();
    }

    /// <summary>The entry's members, for a writer that adds its own (an analysis that could not be computed).</summary>
    public static void WriteFields(Utf8JsonWriter writer, PlanEntry entry, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Type is { } type)
        {
            writer.WriteString("type", type);
        }

        foreach (var (name, value) in entry.Fields)
        {
            writer.WritePropertyName(name);
            JsonSerializer.Serialize(writer, value, value.GetType(), options);
        }
    }
}
