namespace Analysis.Tests.Api;

/// <summary>
/// An analysis type is one descriptor, registered once: a type that exists only in this test, registered only in
/// this test's host, flows through the plan parser (its field's kind), the validation (its own field rules, its data
/// check, the fields it does not take), the engine (its computation, and an error entry when the data do not allow
/// it), the stored plan and results, the highlights, and the OpenAPI document — with no other change anywhere.
/// </summary>
public sealed class AnalysisTypeRegistrationTests
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        _factory = new ApiFactory(services: s => s.AddSingleton<IAnalysisType>(new CountAboveType()));
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private const string Csv = "x,g,empty\n1,a,\n2.5,b,\n4,a,\nNA,b,\n7,a,\n";

    [Test]
    public async Task Session_WithATypeRegisteredOnlyInTheTest_RunsItAndReportsIt()
    {
        var id = await _client.CreateSessionAsync(Csv, """
            [{"type":"countabove","column":"x","threshold":2},
             {"type":"countabove","column":"x"},
             {"type":"countabove","column":"empty"},
             {"type":"descriptive","columns":["x"]}]
            """);
        var status = await _client.WaitForStatusAsync(id, "completed");
        var results = (await _client.GetJsonAsync($"/api/session/{id}/results"))["results"]!.AsArray();
        var details = await _client.GetJsonAsync($"/api/session/{id}");

        Assert.Multiple(() =>
        {
            ApiClient.AssertJson(results[0], """{"type":"countabove","column":"x","threshold":2,"count":3,"n":4,"nExcluded":1}""");
            ApiClient.AssertJson(results[1], """{"type":"countabove","column":"x","threshold":0,"count":4,"n":4,"nExcluded":1}""");
            ApiClient.AssertJson(results[2], """{"type":"countabove","column":"empty","threshold":0,"n":0,"nExcluded":5,"error":"Column 'empty' has no values to count."}""");
            Assert.That(results[3]!["type"]!.GetValue<string>(), Is.EqualTo("descriptive"));
            Assert.That(status["summary"]!["highlights"]!.AsArray().Select(h => h!.GetValue<string>()).Take(3), Is.EqualTo(new[]
            {
                "countabove x > 2: 3 of 4", "countabove x > 0: 4 of 4", "countabove empty > 0: error: Column 'empty' has no values to count.",
            }));
            Assert.That(status["summary"]!["analysesFailed"]!.GetValue<int>(), Is.EqualTo(1));
            ApiClient.AssertJson(details["session"]!["analyses"]![1], """{"type":"countabove","column":"x","threshold":0}""");
        });
    }

    [Test]
    public async Task Create_WhenTheNewTypesFieldsAreWrong_NamesEachByPath()
    {
        using var response = await _client.CreateMultipartAsync(Csv, """
            [{"type":"countabove","threshold":"high"},
             {"type":"countabove","column":"x","threshold":-1,"mu":3},
             {"type":"countabove","column":"g"}]
            """);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            ApiClient.AssertJson(body["errors"], """
                {"analyses[0].threshold":["Must be a finite number."],
                 "analyses[0].column":["Required: the numeric column to count."],
                 "analyses[1].mu":["Not a field of a countabove analysis."],
                 "analyses[1].threshold":["Must not be negative."]}
                """);
        });

        // The fields are right; the data are not: a categorical column.
        using var second = await _client.CreateMultipartAsync(Csv, """[{"type":"countabove","column":"g"}]""");
        ApiClient.AssertJson(JsonNode.Parse(await second.Content.ReadAsStringAsync())!["errors"],
            """{"analyses[0].column":["Column 'g' is categorical; this role needs a numeric column."]}""");
    }

    [Test]
    public async Task OpenApiDocument_DescribesTheNewTypesSpecAndResult()
    {
        var document = await _client.GetJsonAsync("/openapi/v1.json");
        var schemas = document["components"]!["schemas"]!;

        Assert.Multiple(() =>
        {
            Assert.That(schemas["AnalysisSpec"]!["discriminator"]!["mapping"]!["countabove"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/CountAboveSpec"));
            Assert.That(schemas["AnalysisResult"]!["discriminator"]!["mapping"]!["countabove"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/CountAboveResult"));
            ApiClient.AssertJson(schemas["CountAboveSpec"]!["properties"], """
                {"type":{"enum":["countabove"],"type":"string"},"column":{"type":"string"},"threshold":{"type":"number","format":"double"}}
                """);
            Assert.That(schemas["CountAboveSpec"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EquivalentTo(new[] { "type", "column" }));
            Assert.That(schemas["CountAboveResult"]!["properties"]!.AsObject().Select(p => p.Key),
                Is.SupersetOf(new[] { "type", "column", "threshold", "count", "n", "error" }));
        });
    }

    [Test]
    public async Task HostWithoutTheType_DoesNotKnowIt()
    {
        await using var plain = new ApiFactory();
        using var client = plain.CreateClient();

        using var response = await client.CreateMultipartAsync(Csv, """[{"type":"countabove","column":"x"}]""");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var document = await client.GetJsonAsync("/openapi/v1.json");

        Assert.Multiple(() =>
        {
            Assert.That(body["errors"]!["analyses[0].type"]![0]!.GetValue<string>(), Does.StartWith("Unknown analysis type 'countabove'"));
            Assert.That(body["errors"]!["analyses[0].column"], Is.Null, "the column field is known to other types");
            Assert.That(document["components"]!["schemas"]!["CountAboveSpec"], Is.Null);
        });
    }

    /// <summary>How many of a numeric column's values exceed a threshold (default 0).</summary>
    private sealed class CountAboveType : IAnalysisType
    {
        public static SpecField Threshold { get; } = new("threshold", SpecFieldKind.Number);

        public string Name => CountAboveSpec.TypeName;

        public string SchemaName => "CountAbove";

        public IReadOnlyList<SpecForm> Forms { get; } = [new("Counts a numeric column's values above a threshold.", [SpecFields.Column], [Threshold])];

        public Type ResultType => typeof(CountAboveResult);

        public void CheckFields(PlanEntry entry, Action<string, string> fail)
        {
            FieldChecks.Require(entry, SpecFields.Column, "Required: the numeric column to count.", fail);
            if (entry.Number(Threshold.Name) < 0)
            {
                fail(Threshold.Name, "Must not be negative.");
            }
        }

        public AnalysisSpec Build(PlanEntry entry, DatasetSchema schema) =>
            new CountAboveSpec(entry.Text(SpecFields.Column.Name)!, entry.Number(Threshold.Name) ?? 0);
    }

    private sealed record CountAboveSpec(string Column, double Threshold) : AnalysisSpec
    {
        public const string TypeName = "countabove";

        public override string Type => TypeName;

        public override IReadOnlyList<string> ColumnsUsed => [Column];

        public override string Title => $"countabove {Column} > {Threshold}";

        public override PlanEntry ToEntry() => PlanEntry.Of(Type, ("column", Column), ("threshold", Threshold));

        public override void CheckData(Dataset data, Action<string, string> fail) => DataChecks.Numeric(data, Column, "column", fail);

        public override AnalysisCost Cost(DatasetSchema schema) => new(AnalysisCost.Json(3), schema.Rows);

        protected internal override AnalysisResult Compute(Dataset data, EngineLimits limits, CancellationToken cancellationToken)
        {
            var values = ((NumericColumn)data.Find(Column)!).Present();
            if (values.Length == 0)
            {
                throw new AnalysisNotComputableException($"Column '{Column}' has no values to count.", 0);
            }

            return new CountAboveResult(Column, Threshold, values.Count(v => v > Threshold), values.Length, Title);
        }
    }

    private sealed record CountAboveResult(string Column, double Threshold, int Count, int N, string Title) : AnalysisResult
    {
        public override string Type => CountAboveSpec.TypeName;

        public override string Highlight => $"{Title}: {Count} of {N}";
    }
}
