using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analysis.Application.Common.Json;

namespace Analysis.Application.Sessions.Queries.GetSessionReport;

/// <summary>
/// A completed session as a report (issue #20): what it is (the session, its dataset with its SHA-256, when and by
/// which version of the service it ran), then each analysis with its APA-style tables, its APA sentence
/// (<see cref="AnalysisResult.ApaSentence"/>, from the result as the service stored it), its warnings, a chart where
/// one says more than the tables, and its R call. Written as HTML (<see cref="ReportHtml"/>) or Markdown
/// (<see cref="ReportMarkdown"/>) alike.
/// </summary>
public sealed record SessionReport(string Title, IReadOnlyList<(string Name, string Value)> Facts, IReadOnlyList<ReportSection> Sections)
{
    /// <summary>Reads stored results back into their types (the stored JSON writes a number that is not finite as null).</summary>
    private static readonly JsonSerializerOptions ResultReading = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new FiniteDoubleConverter() },
    };

    public static SessionReport Of(CompletedSession completed, AnalysisTypeRegistry types)
    {
        ArgumentNullException.ThrowIfNull(completed);
        ArgumentNullException.ThrowIfNull(types);
        var (session, dataset) = (completed.Session, completed.Dataset);
        var results = JsonNode.Parse(completed.ResultsJson) as JsonArray ?? [];
        var facts = new List<(string, string)>
        {
            ("Session", session.Id.ToString()),
            ("Dataset", $"{dataset.Name ?? "(unnamed)"}: {session.Dataset.Rows.ToString("N0", CultureInfo.InvariantCulture)} rows, {session.Dataset.Columns.Count} columns ({dataset.Format.ToUpperInvariant()})"),
            ("Dataset id", dataset.Id.ToString()),
        };
        if (dataset.Sha256 is { } sha)
        {
            facts.Add(("SHA-256 of the file", sha));
        }

        facts.Add(("Created", Time(session.CreatedAt)));
        if (session.CompletedAt is { } completedAt)
        {
            facts.Add(("Completed", Time(completedAt)));
        }

        facts.Add(("Computed by", $"Analysis {ServiceVersion.Current}"));
        var sections = session.Plan.Select((entry, i) =>
            Section(i + 1, entry, completed.Specs[i], i < results.Count ? results[i] as JsonObject : null, types)).ToList();
        return new SessionReport(session.Name ?? $"Session {session.Id}", facts, sections);
    }

    private static ReportSection Section(int number, PlanEntry entry, AnalysisSpec? spec, JsonObject? json, AnalysisTypeRegistry types)
    {
        var title = $"{number}. {spec?.Title ?? entry.Type}";
        var r = json?["r"]?.GetValue<string>() ?? spec?.ToR()?.Call;
        var warnings = json?["warnings"] is JsonArray w ? w.Select(x => x!.GetValue<string>()).ToList() : [];
        if (json is null || json["error"] is not null || types.Find(entry.Type) is not { } type)
        {
            var error = json?["error"]?.GetValue<string>() ?? "This version of the service does not know this analysis.";
            return new ReportSection(number, title, $"Not computed: {error}", [], warnings, r, null);
        }

        var result = (AnalysisResult?)json.Deserialize(type.ResultType, ResultReading);
        return new ReportSection(number, title, result?.ApaSentence, ReportTables.Of(title, json), warnings, r, ReportCharts.Of(json));
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}

/// <summary>
/// One analysis of the report: its number and title, its APA sentence (or why it has no numbers), its tables, its
/// warnings, its R call, and <c>Svg</c>, an inline SVG chart (no external reference) or null.
/// </summary>
public sealed record ReportSection(
    int Number, string Title, string? Sentence, IReadOnlyList<ReportTable> Tables, IReadOnlyList<string> Warnings, string? R, string? Svg);

/// <summary>An APA-style table: a caption, a header row, rows of formatted cells (the first a label).</summary>
public sealed record ReportTable(string Caption, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);
