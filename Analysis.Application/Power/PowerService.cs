using System.Text.Json;
using System.Text.Json.Serialization;
using Analysis.Domain.Power;

namespace Analysis.Application.Power;

/// <summary>
/// One power or sample-size calculation, every quantity with the one solved (a field is absent when its test has none).
/// </summary>
public sealed record PowerDto(
    string Test,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? N,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Delta,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Sd,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? P1,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? P2,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Groups,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? BetweenVar,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? WithinVar,
    double SigLevel,
    double Power,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Alternative,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Strict,
    string SolvedFor,
    string Method,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note);

/// <summary>
/// <c>POST /api/power</c>: reads the request (a JSON object), checks it field by field, and solves for the one quantity
/// left out (R: <c>power.t.test</c>, <c>power.prop.test</c>, <c>power.anova.test</c>). <c>sd</c> and <c>sigLevel</c>
/// have R's defaults (1, 0.05): to solve for one of them, send it as <c>null</c>. Bad input is a
/// <see cref="RequestValidationException"/> naming each field.
/// </summary>
public static class PowerService
{
    private static readonly Dictionary<string, string[]> Fields = new(StringComparer.Ordinal)
    {
        ["t"] = ["n", "delta", "sd", "sigLevel", "power", "type", "alternative", "strict"],
        ["proportion"] = ["n", "p1", "p2", "sigLevel", "power", "alternative", "strict"],
        ["anova"] = ["groups", "n", "betweenVar", "withinVar", "sigLevel", "power"],
    };

    /// <summary>The quantities each test may solve for, in the order R's functions list them.</summary>
    private static readonly Dictionary<string, string[]> Quantities = new(StringComparer.Ordinal)
    {
        ["t"] = ["n", "delta", "sd", "power", "sigLevel"],
        ["proportion"] = ["n", "p1", "p2", "power", "sigLevel"],
        ["anova"] = ["groups", "n", "betweenVar", "withinVar", "power", "sigLevel"],
    };

    /// <summary>The tests a calculation may be of, as the request names them.</summary>
    public static IReadOnlyList<string> Tests { get; } = ["t", "proportion", "anova"];

    public static PowerDto Calculate(JsonElement body)
    {
        var errors = new ValidationErrors();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add("$", "The body must be a JSON object: {\"test\": \"t\" | \"proportion\" | \"anova\", ...}.");
            errors.ThrowIfAny();
        }

        var test = body.TryGetProperty("test", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : null;
        if (test is null || !Fields.ContainsKey(test))
        {
            errors.Add("test", "Required: \"t\", \"proportion\" or \"anova\".");
            errors.ThrowIfAny();
        }

        var allowed = Fields[test!];
        foreach (var property in body.EnumerateObject().Where(p => p.Name != "test" && !allowed.Contains(p.Name)))
        {
            errors.Add(property.Name, $"Not a field of the {test} calculation; it takes {string.Join(", ", allowed.Select(f => $"\"{f}\""))}.");
        }

        // A quantity is unknown when absent or null; sd and sigLevel have defaults, so only an explicit null asks for them.
        var numbers = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var name in Quantities[test!])
        {
            var present = body.TryGetProperty(name, out var value);
            if (!present)
            {
                numbers[name] = name switch { "sd" => 1, "sigLevel" => 0.05, _ => null };
            }
            else if (value.ValueKind == JsonValueKind.Null)
            {
                numbers[name] = null;
            }
            else if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
            {
                numbers[name] = number;
                CheckRange(test!, name, number, errors);
            }
            else
            {
                errors.Add(name, "Must be a number, or null to solve for it.");
            }
        }

        var missing = numbers.Where(p => p.Value is null).Select(p => p.Key).ToList();
        if (missing.Count != 1 && !errors.Any)
        {
            errors.Add("$", $"Exactly one of {string.Join(", ", Quantities[test!].Select(q => $"\"{q}\""))} must be left out (or null) to be solved for; " +
                (missing.Count == 0 ? "none is." : $"{string.Join(", ", missing.Select(q => $"\"{q}\""))} are.") +
                " (sd and sigLevel default to 1 and 0.05: send null to solve for one of them.)");
        }

        var type = Text(body, "type", ["two.sample", "one.sample", "paired"], "two.sample", errors);
        var alternative = Text(body, "alternative", ["two.sided", "one.sided"], "two.sided", errors);
        var strict = false;
        if (body.TryGetProperty("strict", out var s) && allowed.Contains("strict"))
        {
            if (s.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                strict = s.GetBoolean();
            }
            else
            {
                errors.Add("strict", "Must be true or false.");
            }
        }

        errors.ThrowIfAny();
        var oneSided = alternative == "one.sided";
        PowerDto? dto = test switch
        {
            "t" => PowerCalculations.T(numbers["n"], numbers["delta"], numbers["sd"], numbers["sigLevel"], numbers["power"],
                type switch { "one.sample" => PowerTTestType.OneSample, "paired" => PowerTTestType.Paired, _ => PowerTTestType.TwoSample }, oneSided, strict) is { } r
                ? new PowerDto("t", r.N, r.Delta, r.Sd, null, null, null, null, null, r.SigLevel, r.Power, r.Type, r.Alternative, r.Strict, r.SolvedFor, r.Method, r.Note)
                : null,
            "proportion" => PowerCalculations.Proportion(numbers["n"], numbers["p1"], numbers["p2"], numbers["sigLevel"], numbers["power"], oneSided, strict) is { } r
                ? new PowerDto("proportion", r.N, null, null, r.P1, r.P2, null, null, null, r.SigLevel, r.Power, null, r.Alternative, r.Strict, r.SolvedFor, r.Method, r.Note)
                : null,
            _ => PowerCalculations.Anova(numbers["groups"], numbers["n"], numbers["betweenVar"], numbers["withinVar"], numbers["sigLevel"], numbers["power"]) is { } r
                ? new PowerDto("anova", r.N, null, null, null, null, r.Groups, r.BetweenVar, r.WithinVar, r.SigLevel, r.Power, null, null, null, r.SolvedFor, r.Method, r.Note)
                : null,
        };
        if (dto is null)
        {
            errors.Add(missing[0], $"No value of \"{missing[0]}\" in the range R searches reaches what the other quantities ask for (a power that high, or a difference that small).");
            errors.ThrowIfAny();
        }

        return dto!;
    }

    private static void CheckRange(string test, string name, double value, ValidationErrors errors)
    {
        var problem = name switch
        {
            "sigLevel" or "power" when value is <= 0 or >= 1 => "Must be between 0 and 1.",
            "p1" or "p2" when value is <= 0 or >= 1 => "Must be a proportion between 0 and 1.",
            "n" when test == "anova" && value < 2 => "Must be at least 2 (observations in each group).",
            "n" when value <= 1 => "Must be more than 1.",
            "groups" when value < 2 => "Must be at least 2.",
            "sd" or "betweenVar" or "withinVar" when value <= 0 => "Must be positive.",
            "delta" when value == 0 => "Must not be 0: no test has power against no difference.",
            _ => null,
        };
        if (problem is not null)
        {
            errors.Add(name, problem);
        }
    }

    private static string Text(JsonElement body, string name, string[] values, string fallback, ValidationErrors errors)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.String && values.Contains(value.GetString()))
        {
            return value.GetString()!;
        }

        errors.Add(name, $"Must be {string.Join(" or ", values.Select(v => $"\"{v}\""))}.");
        return fallback;
    }
}
