using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analysis.Api.Json;

/// <summary>
/// Writes a string that already holds JSON (stored by this service, so trusted and valid) as that JSON, not as a
/// string. Reading is not needed: the API only writes such values.
/// </summary>
public sealed class RawJsonConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Raw JSON values are written, never read.");

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(value, skipInputValidation: true);
    }
}
