using System.Text.Json;
using Analysis.Application.Common;
using Analysis.Domain.Analyses;

namespace Analysis.Application.Sessions.Plans;

/// <summary>
/// Reads the <c>analyses</c> JSON into <see cref="AnalysisSpecDto"/>s, reporting every field of the wrong JSON
/// kind and every unknown field by path, instead of stopping at the first like a serializer would.
/// </summary>
public static class AnalysisPlanParser
{
    public const string PlanPath = "analyses";

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "type", "columns", "column", "groupBy", "groups", "equalVariance", "mu", "paired", "method",
        "dependent", "independents", "correction", "confidenceLevel", "exact", "center",
    };

    /// <summary>Parses the array; null when the plan is not an array at all (then an error says so).</summary>
    public static List<AnalysisSpecDto>? Parse(JsonElement? plan, ValidationErrors errors)
    {
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

        var specs = new List<AnalysisSpecDto>(array.GetArrayLength());
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            specs.Add(ParseSpec(element, $"{PlanPath}[{index}]", errors));
            index++;
        }

        return specs;
    }

    private static AnalysisSpecDto ParseSpec(JsonElement element, string path, ValidationErrors errors)
    {
        var dto = new AnalysisSpecDto();
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, "Must be an object with a \"type\".");
            return dto;
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

            switch (fieldName)
            {
                case "type": dto.Type = String(v, p, errors); break;
                case "columns": dto.Columns = Names(v, p, errors); break;
                case "column": dto.Column = String(v, p, errors); break;
                case "groupBy": dto.GroupBy = String(v, p, errors); break;
                case "groups": dto.Groups = Names(v, p, errors, allowNumbers: true); break;
                case "equalVariance": dto.EqualVariance = Bool(v, p, errors); break;
                case "mu": dto.Mu = Number(v, p, errors); break;
                case "paired": dto.Paired = Bool(v, p, errors); break;
                case "method": dto.Method = String(v, p, errors); break;
                case "dependent": dto.Dependent = String(v, p, errors); break;
                case "independents": dto.Independents = Names(v, p, errors); break;
                case "correction": dto.Correction = Bool(v, p, errors); break;
                case "confidenceLevel": dto.ConfidenceLevel = Number(v, p, errors); break;
                case "exact": dto.Exact = Bool(v, p, errors); break;
                case "center": dto.Center = String(v, p, errors); break;
                default:
                    errors.Add(p, KnownFields.Contains(fieldName, StringComparer.OrdinalIgnoreCase)
                        ? $"Unknown field '{fieldName}' (field names are case-sensitive camelCase)."
                        : $"Unknown field '{fieldName}'.");
                    break;
            }
        }

        return dto;
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
    private static List<string>? Names(JsonElement v, string path, ValidationErrors errors, bool allowNumbers = false)
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

        return names;
    }
}
