using System.Text.Json;

namespace Analysis.Application.Sessions.Plans;

/// <summary>
/// Reads the <c>analyses</c> JSON into <see cref="PlanEntry"/>s, reporting every field of the wrong JSON kind and
/// every unknown field by path, instead of stopping at the first like a serializer would. A field's kind is the one
/// its name has in every registered type (<see cref="AnalysisTypeRegistry.Fields"/>), so a field is read before its
/// type is known, and an entry of an unknown type still has each of its fields checked.
/// </summary>
public sealed class AnalysisPlanParser(AnalysisTypeRegistry types)
{
    public const string PlanPath = "analyses";

    private const string TypeField = "type";

    /// <summary>Parses the array; null when the plan is not an array at all (then an error says so).</summary>
    public List<PlanEntry>? Parse(JsonElement? plan, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (plan is not { } array || array.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            errors.Add(PlanPath, "Required: a JSON array of analysis specs.");
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(PlanPath, "Must be a JSON array of analysis specs.");
            return null;
        }

        var entries = new List<PlanEntry>(array.GetArrayLength());
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            entries.Add(ParseEntry(element, $"{PlanPath}[{index}]", errors));
            index++;
        }

        return entries;
    }

    private PlanEntry ParseEntry(JsonElement element, string path, ValidationErrors errors)
    {
        var fields = new List<KeyValuePair<string, object>>();
        string? type = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "Must be an object with a \"type\".");
            return new PlanEntry(null, fields);
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!TryText(() => property.Name, out var fieldName))
            {
                errors.Add(path, InvalidText.UnpairedSurrogate);
                continue;
            }

            var p = $"{path}.{fieldName}";
            var v = property.Value;
            if (v.ValueKind == JsonValueKind.Null)
            {
                continue; // null is the same as absent
            }

            fields.RemoveAll(f => f.Key == fieldName); // a field given twice: the last counts, as for a serializer
            if (fieldName == TypeField)
            {
                type = String(v, p, errors);
                continue;
            }

            if (!types.Fields.TryGetValue(fieldName, out var field))
            {
                errors.Add(p, types.Fields.Keys.Append(TypeField).Contains(fieldName, StringComparer.OrdinalIgnoreCase)
                    ? $"Unknown field '{fieldName}' (field names are case-sensitive camelCase)."
                    : $"Unknown field '{fieldName}'.");
                continue;
            }

            object? value = field.Kind switch
            {
                SpecFieldKind.Text => String(v, p, errors),
                SpecFieldKind.Flag => Bool(v, p, errors),
                SpecFieldKind.Number => Number(v, p, errors),
                SpecFieldKind.Names => Names(v, p, errors),
                SpecFieldKind.Levels => Names(v, p, errors, allowNumbers: true),
                _ => throw new InvalidOperationException($"Unknown field kind {field.Kind}."),
            };
            if (value is not null)
            {
                fields.Add(KeyValuePair.Create(fieldName, value));
            }
        }

        return new PlanEntry(type, fields);
    }

    private static string? String(JsonElement v, string path, ValidationErrors errors)
    {
        if (v.ValueKind != JsonValueKind.String)
        {
            errors.Add(path, "Must be a string.");
            return null;
        }

        if (!TryText(() => v.GetString()!, out var text))
        {
            errors.Add(path, InvalidText.UnpairedSurrogate);
            return null;
        }

        return text;
    }

    /// <summary>
    /// Reads a JSON string, which throws when its escapes decode to half a character (<c>"\ud800"</c>): the text the
    /// request holds is then not text, and the caller reports it by path.
    /// </summary>
    private static bool TryText(Func<string> read, out string text)
    {
        try
        {
            text = read();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static bool? Bool(JsonElement v, string path, ValidationErrors errors)
    {
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetBoolean();
        }

        errors.Add(path, "Must be true or false.");
        return null;
    }

    private static double? Number(JsonElement v, string path, ValidationErrors errors)
    {
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d))
        {
            return d;
        }

        errors.Add(path, "Must be a finite number.");
        return null;
    }

    /// <summary>An array of names; group levels may be given as numbers (a numeric grouping column's levels).</summary>
    private static string[]? Names(JsonElement v, string path, ValidationErrors errors, bool allowNumbers = false)
    {
        if (v.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, "Must be an array of column names.");
            return null;
        }

        var names = new List<string>(v.GetArrayLength());
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && TryText(() => item.GetString()!, out var name))
            {
                names.Add(name);
            }
            else if (item.ValueKind == JsonValueKind.String)
            {
                errors.Add($"{path}[{i}]", InvalidText.UnpairedSurrogate);
            }
            else if (allowNumbers && item.ValueKind == JsonValueKind.Number && item.TryGetDouble(out var d) && double.IsFinite(d))
            {
                names.Add(Grouping.LevelName(d)); // a level named as the grouping names numeric levels
            }
            else
            {
                errors.Add($"{path}[{i}]", allowNumbers ? "Must be a string or a number." : "Must be a string.");
            }

            i++;
        }

        return [.. names];
    }
}
