using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Analysis.Application.Common.Json;
using Analysis.Application.Sessions.Plans;
using Analysis.Domain.Analyses;

namespace Analysis.Infrastructure.Serialization;

/// <summary>
/// Writes a session's results as the JSON array the results endpoint returns. Done once, when the session
/// completes; the endpoint passes the stored text through. <c>type</c> comes first, <c>nExcluded</c> follows <c>n</c>; the human-only members
/// (<c>Highlight</c>, <c>Title</c>) are left out; non-finite numbers are null.
/// </summary>
public static class ResultsJson
{
    private static readonly HashSet<string> HiddenMembers = new(StringComparer.Ordinal) { "highlight", "title", "apaSentence" };

    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(IReadOnlyList<AnalysisResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder }))
        {
            writer.WriteStartArray();
            foreach (var result in results)
            {
                if (result is AnalysisErrorResult error)
                {
                    WriteError(writer, error);
                }
                else
                {
                    JsonSerializer.Serialize(writer, result, result.GetType(), Options);
                }
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary><c>{type, ...the spec's fields, n?, nExcluded?, warnings?, error, r?}</c>: what was asked, and why it has no numbers.</summary>
    private static void WriteError(Utf8JsonWriter writer, AnalysisErrorResult error)
    {
        writer.WriteStartObject();
        PlanEntryJsonConverter.WriteFields(writer, error.Entry, Options);

        if (error.N is { } n)
        {
            writer.WriteNumber("n", n);
        }

        if (error.NExcluded is { } excluded)
        {
            writer.WriteNumber("nExcluded", excluded);
        }

        if (error.Warnings is { Count: > 0 } warnings)
        {
            writer.WritePropertyName("warnings");
            JsonSerializer.Serialize(writer, warnings, Options);
        }

        writer.WriteString("error", error.Error);
        if (error.R is { } r)
        {
            writer.WriteString("r", r);
        }

        writer.WriteEndObject();
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = new LowerFirstLetterNamingPolicy(),
            Encoder = SafeJson.Encoder,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OrderResultMembers } },
        };
        options.Converters.Add(new FiniteDoubleConverter());
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// docs/api.md's names lower only the first letter (<c>FPValue</c> → <c>fPValue</c>, <c>PValues</c> → <c>pValues</c>),
    /// where the camelCase policy would lower the whole leading run (<c>fpValue</c>).
    /// </summary>
    private sealed class LowerFirstLetterNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) =>
            name.Length == 0 || char.IsLower(name[0]) ? name : string.Concat(char.ToLowerInvariant(name[0]).ToString(), name.AsSpan(1));
    }

    private static void OrderResultMembers(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !typeof(AnalysisResult).IsAssignableFrom(info.Type))
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var property = info.Properties[i];
            if (HiddenMembers.Contains(property.Name))
            {
                info.Properties.RemoveAt(i);
            }
            else if (property.Name == "type")
            {
                property.Order = -2;
            }
            else if (property.Name == "warnings")
            {
                property.Order = 1;
            }
            else if (property.Name == "r")
            {
                property.Order = 2; // last: the R call that gives the numbers above
            }
        }

        // nExcluded next to n, the two a report gives together (else where n is not a result's own, at the end).
        var excluded = info.Properties.FirstOrDefault(p => p.Name == "nExcluded");
        var n = info.Properties.FirstOrDefault(p => p.Name == "n");
        if (excluded is not null && n is not null)
        {
            info.Properties.Remove(excluded);
            info.Properties.Insert(info.Properties.IndexOf(n) + 1, excluded);
        }
    }
}
