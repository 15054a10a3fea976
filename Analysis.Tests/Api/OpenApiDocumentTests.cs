using System.Text.Json;

namespace Analysis.Tests.Api;

/// <summary>
/// The served OpenAPI document as a client generator reads it (issue #12): stable operation ids, tags, the key
/// schemes, the headers each answer carries, real parameter types, the envelope on every error, numbers typed as
/// numbers — and <c>docs/openapi.json</c>, committed, equal to what is served, so a contract change shows as a diff.
/// </summary>
public sealed class OpenApiDocumentTests
{
    /// <summary>Set to 1 to rewrite docs/openapi.json from the served document (then review the diff).</summary>
    private const string UpdateVariable = "ANALYSIS_UPDATE_OPENAPI";

    private static readonly string[] OperationIds =
        ["CreateSession", "ListSessions", "GetSessionStatus", "GetSession", "GetSessionResults", "GetSessionScript", "GetSessionReport", "GetSessionSample", "CancelSession", "DeleteSession", "StreamSessionEvents", "InspectDataset",
         "StoreDataset", "ListDatasets", "GetDataset", "GetDatasetCsv", "GetDatasetSample", "DeleteDataset", "CalculatePower"];

    private ApiFactory _factory = null!;
    private JsonNode _document = null!;
    private string _served = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        _factory = new ApiFactory();
        using var client = _factory.CreateClient();
        _served = await client.GetStringAsync("/openapi/v1.json");
        _document = JsonNode.Parse(_served)!;
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDown() => await _factory.DisposeAsync();

    private IEnumerable<(string Path, string Method, JsonObject Operation)> Operations() =>
        _document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => (p.Key, m.Key, m.Value!.AsObject())));

    private JsonObject Operation(string id) => Operations().Single(o => o.Operation["operationId"]?.GetValue<string>() == id).Operation;

    [Test]
    public void EveryOperation_HasItsStableId_ASummary_ItsTag_AndTheKeySchemes()
    {
        var operations = Operations().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(operations.Select(o => o.Operation["operationId"]?.GetValue<string>()), Is.EquivalentTo(OperationIds));
            Assert.That(operations.Select(o => o.Method), Has.None.EqualTo("head"), "HEAD mirrors GET and is not listed twice");
            foreach (var (path, method, operation) in operations)
            {
                Assert.That(operation["summary"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"{method} {path} summary");
                Assert.That(operation["tags"]!.AsArray().Select(t => t!.GetValue<string>()),
                    Is.EqualTo(new[] { path.StartsWith("/api/datasets", StringComparison.Ordinal) ? "Datasets" : path == "/api/power" ? "Power" : "Sessions" }), $"{method} {path} tags");
                Assert.That(operation["security"]!.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)), Is.EquivalentTo(new[] { "ApiKey", "Bearer" }),
                    $"{method} {path} security");
            }

            var tags = _document["tags"]!.AsArray();
            Assert.That(tags.Select(t => t!["name"]!.GetValue<string>()), Is.EquivalentTo(new[] { "Sessions", "Datasets", "Power" }));
            Assert.That(tags.Select(t => t!["description"]?.GetValue<string>()), Has.All.Not.Null.And.All.Not.Empty);
            var schemes = _document["components"]!["securitySchemes"]!;
            Assert.That((schemes["ApiKey"]!["type"]!.GetValue<string>(), schemes["ApiKey"]!["in"]!.GetValue<string>(), schemes["ApiKey"]!["name"]!.GetValue<string>()),
                Is.EqualTo(("apiKey", "header", "X-Api-Key")));
            Assert.That((schemes["Bearer"]!["type"]!.GetValue<string>(), schemes["Bearer"]!["scheme"]!.GetValue<string>()), Is.EqualTo(("http", "bearer")));
            Assert.That(_document["servers"]!.AsArray().Select(s => s!["url"]!.GetValue<string>()), Is.EqualTo(new[] { "/" }), "relative: the serving origin");
            Assert.That(_document["info"]!["license"]!["name"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
            Assert.That(_document["info"]!["contact"]!["name"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
        });
    }

    [Test]
    public void StatusPoll_DocumentsItsHeaders_ItsBodylessNotModified_AndRealParameterTypes()
    {
        var status = Operation("GetSessionStatus");
        var create = Operation("CreateSession");
        var parameters = status["parameters"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["schema"]!);
        var responses = status["responses"]!;

        Assert.Multiple(() =>
        {
            Assert.That((parameters["id"]["type"]!.GetValue<string>(), parameters["id"]["format"]!.GetValue<string>()), Is.EqualTo(("string", "uuid")));
            Assert.That(parameters["wait"]["type"]!.GetValue<string>(), Is.EqualTo("integer"));
            Assert.That((parameters["wait"]["minimum"]!.GetValue<int>(), parameters["wait"]["maximum"]!.GetValue<int>()), Is.EqualTo((0, 60)));
            Assert.That(responses["200"]!["headers"]!.AsObject().Select(h => h.Key), Is.EquivalentTo(new[] { "ETag", "Cache-Control", "Retry-After" }));
            Assert.That(responses["304"]!["headers"]!.AsObject().Select(h => h.Key), Is.EquivalentTo(new[] { "ETag", "Cache-Control", "Retry-After" }));
            Assert.That(responses["304"]!["content"], Is.Null, "a 304 has no body");
            Assert.That(responses["429"]!["headers"]!["Retry-After"], Is.Not.Null);
            Assert.That(create["responses"]!["202"]!["headers"]!.AsObject().Select(h => h.Key), Is.EquivalentTo(new[] { "Location", "Retry-After" }));
            Assert.That(Operations().Select(o => o.Operation["responses"]!["401"]?["headers"]?["WWW-Authenticate"]), Has.All.Not.Null);
        });
    }

    [Test]
    public void EveryErrorAnswer_IsTheEnvelope()
    {
        var envelope = _document["components"]!["schemas"]!["ErrorResponse"]!;
        var errors = Operations()
            .SelectMany(o => o.Operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5').Select(r => ($"{o.Method} {o.Path} {r.Key}", r.Value!)))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Count.GreaterThan(20));
            foreach (var (name, response) in errors)
            {
                var schema = response["content"]?["application/json"]?["schema"];
                Assert.That(schema, Is.Not.Null, name);
                var resolved = schema?["$ref"]?.GetValue<string>() == "#/components/schemas/ErrorResponse" ? envelope : schema;
                Assert.That(JsonNode.DeepEquals(resolved, envelope), Is.True, $"{name}: the envelope's schema");
            }

            Assert.That(envelope["required"]!.AsArray().Select(r => r!.GetValue<string>()), Does.Contain("error"));
            Assert.That(envelope["properties"]!.AsObject().Select(p => p.Key), Is.SupersetOf(new[] { "success", "error", "errors", "traceId" }));
        });
    }

    [Test]
    public void Numbers_AreTypedAsNumbers_NotAsNumbersOrStrings()
    {
        var lenient = new List<string>();
        void Walk(JsonNode? node, string at)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["type"] is JsonArray types && types.Any(t => t!.GetValue<string>() is "integer" or "number") && types.Any(t => t!.GetValue<string>() == "string"))
                    {
                        lenient.Add(at);
                    }

                    foreach (var (key, value) in o)
                    {
                        Walk(value, $"{at}/{key}");
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        Walk(a[i], $"{at}/{i}");
                    }

                    break;
            }
        }

        Walk(_document, "#");

        Assert.Multiple(() =>
        {
            Assert.That(lenient, Is.Empty);
            var page = Operation("ListSessions")["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "page")!["schema"]!;
            Assert.That(page["type"]!.GetValue<string>(), Is.EqualTo("integer"));
        });
    }

    [Test]
    public async Task CreateSession_InBothFormsTheDocumentDescribes_IsAccepted_WithTheCsvOrADatasetId()
    {
        var forms = Operation("CreateSession")["requestBody"]!["content"]!;
        var json = forms["application/json"]!["schema"]!;
        var multipart = forms["multipart/form-data"]!["schema"]!;
        string[] Names(JsonNode schema) => [.. schema["properties"]!.AsObject().Select(p => p.Key)];
        string[] Required(JsonNode schema) => [.. schema["required"]!.AsArray().Select(r => r!.GetValue<string>())];
        using var client = _factory.CreateClient();
        using var stored = await client.PostAsync("/api/datasets", new StringContent(ApiClient.SleepCsv + "\n", System.Text.Encoding.UTF8, "text/csv"));
        var datasetId = JsonNode.Parse(await stored.Content.ReadAsStringAsync())!["dataset"]!["datasetId"]!.GetValue<string>();

        // The bodies are built from the names the document gives, so a renamed field in either fails here: one with
        // the CSV, one with the dataset's id in its place.
        async Task<HttpStatusCode> FromJsonAsync(bool byReference)
        {
            var body = new JsonObject();
            foreach (var name in Names(json).Where(n => n != (byReference ? "csv" : "datasetId")))
            {
                body[name] = name switch
                {
                    "csv" => ApiClient.SleepCsv,
                    "datasetId" => datasetId,
                    "naStrings" when byReference => null,
                    "naStrings" => JsonNode.Parse("""["NA"]"""),
                    "analyses" => JsonNode.Parse("""[{"type":"descriptive"}]"""),
                    _ => "from the document",
                };
            }

            using var response = await client.CreateJsonAsync(body.ToJsonString());
            return response.StatusCode;
        }

        async Task<HttpStatusCode> FromFormAsync(bool byReference)
        {
            using var form = new MultipartFormDataContent();
            // (A sheet is for an XLSX upload only: the file here is a CSV.)
            foreach (var name in Names(multipart).Where(n => n != (byReference ? "dataset" : "datasetId") && !(byReference && n == "naStrings") && n != "sheet"))
            {
                if (multipart["properties"]![name]!["format"]?.GetValue<string>() == "binary")
                {
                    form.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(ApiClient.SleepCsv)), name, "data.csv");
                }
                else
                {
                    form.Add(new StringContent(name switch
                    {
                        "analyses" => """[{"type":"descriptive"}]""", "datasetId" => datasetId, "naStrings" => """["NA"]""", _ => "from the document",
                    }), name);
                }
            }

            using var response = await client.PostAsync("/api/session", form);
            return response.StatusCode;
        }

        var answers = new[] { await FromJsonAsync(false), await FromJsonAsync(true), await FromFormAsync(false), await FromFormAsync(true) };

        Assert.Multiple(() =>
        {
            Assert.That(Names(json), Is.EquivalentTo(new[] { "csv", "datasetId", "analyses", "name", "naStrings" }));
            Assert.That(Required(json), Is.EquivalentTo(new[] { "analyses" }), "csv or datasetId: exactly one, said in their descriptions");
            Assert.That(Names(multipart), Is.EquivalentTo(new[] { "dataset", "datasetId", "analyses", "name", "naStrings", "sheet" }));
            Assert.That(Required(multipart), Is.EquivalentTo(new[] { "analyses" }));
            Assert.That(answers, Is.All.EqualTo(System.Net.HttpStatusCode.Accepted));
        });
    }

    private JsonObject Schema(string name) => _document["components"]!["schemas"]![name]!.AsObject();

    private JsonObject Resolve(JsonNode reference) =>
        Schema(reference["$ref"]!.GetValue<string>()["#/components/schemas/".Length..]);

    [Test]
    public void SpecsAndResults_AreOneSchemaPerType_UnderADiscriminatorOnType()
    {
        var spec = Schema("AnalysisSpec");
        var result = Schema("AnalysisResult");

        Assert.Multiple(() =>
        {
            foreach (var union in new[] { spec, result })
            {
                Assert.That(union["discriminator"]!["propertyName"]!.GetValue<string>(), Is.EqualTo("type"));
                Assert.That(union["discriminator"]!["mapping"]!.AsObject().Select(m => m.Key), Is.EquivalentTo(Analysis.Domain.Analyses.AnalysisTypeRegistry.BuiltIn.Names));
                Assert.That(union["oneOf"]!.AsArray(), Has.Count.EqualTo(Analysis.Domain.Analyses.AnalysisTypeRegistry.BuiltIn.Names.Count));
            }

            Assert.That(Schema("TTestSpec")["properties"]!.AsObject().Select(p => p.Key),
                Is.EquivalentTo(new[] { "type", "column", "groupBy", "groups", "equalVariance", "mu", "paired", "columns", "confidenceLevel", "checks" }));
            Assert.That(Schema("RegressionSpec")["required"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EquivalentTo(new[] { "type", "dependent", "independents" }));
            Assert.That(Schema("CorrelationSpec")["properties"]!["method"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()),
                Is.EqualTo(new[] { "pearson", "spearman", "kendall" }));
            Assert.That(Schema("SessionResultsResponse")["properties"]!["results"]!["items"]!["$ref"]!.GetValue<string>(),
                Is.EqualTo("#/components/schemas/AnalysisResult"));
        });
    }

    [Test]
    public async Task EveryFieldTheServiceWrites_IsInItsTypesSchema_AndEveryNormalisedSpec_FitsItsTypesSchema_AndIsExactlyOneForm()
    {
        using var client = _factory.CreateClient();
        var csv = await File.ReadAllTextAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "mtcars.csv"));
        var id = await client.CreateSessionAsync(csv, """
            [{"type":"descriptive","columns":["mpg"]},
             {"type":"correlation","columns":["mpg","wt"],"method":"spearman"},
             {"type":"ttest","column":"mpg","groupBy":"am","equalVariance":true},
             {"type":"ttest","column":"mpg","mu":20},
             {"type":"ttest","columns":["mpg","qsec"],"paired":true},
             {"type":"anova","column":"mpg","groupBy":"cyl"},
             {"type":"regression","dependent":"mpg","independents":["wt","hp"]},
             {"type":"regression","dependent":"mpg","independents":["wt","disp"]},
             {"type":"chisquare","columns":["am","vs"]}]
            """);
        await client.WaitForStatusAsync(id, "completed");
        // Entries that could not be computed (an error) or hold nulls (with warnings): from ResultsShapeApiTests.
        var failing = await client.CreateSessionAsync("x,k,y\n1,5,2\n2,5,4.5\n3,5,5\n4,5,9\n", """
            [{"type":"correlation","columns":["x","k","y"]},
             {"type":"ttest","column":"k","mu":1},
             {"type":"regression","dependent":"y","independents":["x","k"]}]
            """);
        await client.WaitForStatusAsync(failing, "completed");
        var results = new JsonArray([
            .. (await client.GetJsonAsync($"/api/session/{id}/results"))["results"]!.AsArray().Select(r => r!.DeepClone()),
            .. (await client.GetJsonAsync($"/api/session/{failing}/results"))["results"]!.AsArray().Select(r => r!.DeepClone())]);
        var plan = (await client.GetJsonAsync($"/api/session/{id}"))["session"]!["analyses"]!.AsArray();
        var resultMapping = Schema("AnalysisResult")["discriminator"]!["mapping"]!;
        var specMapping = Schema("AnalysisSpec")["discriminator"]!["mapping"]!;

        Assert.Multiple(() =>
        {
            foreach (var entry in results.Select(r => r!.AsObject()))
            {
                var type = entry["type"]!.GetValue<string>();
                var schema = Resolve(new JsonObject { ["$ref"] = resultMapping[type]!.GetValue<string>() });
                var properties = schema["properties"]!.AsObject();
                Assert.That(entry.Select(p => p.Key), Is.SubsetOf(properties.Select(p => p.Key)), $"{type} result");
                foreach (var (name, value) in entry)
                {
                    if (value is JsonArray { Count: > 0 } items && items[0] is JsonObject first && properties[name]!["items"]?["properties"] is JsonObject inner)
                    {
                        Assert.That(first.Select(p => p.Key), Is.SubsetOf(inner.Select(p => p.Key)), $"{type}.{name}[0]");
                    }
                }
            }

            foreach (var entry in plan.Select(s => s!.AsObject()))
            {
                var type = entry["type"]!.GetValue<string>();
                var schema = Resolve(new JsonObject { ["$ref"] = specMapping[type]!.GetValue<string>() });
                Assert.That(entry.Select(p => p.Key), Is.SubsetOf(schema["properties"]!.AsObject().Select(p => p.Key)), $"{type} spec");
                Assert.That(schema["required"]!.AsArray().Select(r => r!.GetValue<string>()), Is.SubsetOf(entry.Select(p => p.Key)), $"{type} spec");
                var forms = Analysis.Domain.Analyses.AnalysisTypeRegistry.BuiltIn.Find(type)!.Forms.Count(f =>
                    entry.Select(p => p.Key).All(k => k == "type" || f.Fields.Any(x => x.Name == k)) && f.Required.All(r => entry.ContainsKey(r.Name)));
                Assert.That(forms, Is.EqualTo(1), $"{entry.ToJsonString()} is one form of {type}");
            }

            Assert.That(results, Has.Count.EqualTo(12));
            Assert.That(results.Count(r => r!["error"] is not null), Is.EqualTo(2), "error entries checked too");
            Assert.That(plan, Has.Count.EqualTo(9));
        });
    }

    [Test]
    public async Task CommittedDocument_IsWhatTheServiceServes()
    {
        var committedPath = RepositoryRoot.Of("docs", "openapi.json");
        var pretty = _document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(committedPath, pretty);
        }

        var committed = File.Exists(committedPath) ? JsonNode.Parse(await File.ReadAllTextAsync(committedPath)) : null;
        var servedCopy = Path.Combine(TestContext.CurrentContext.WorkDirectory, "openapi.served.json");
        await File.WriteAllTextAsync(servedCopy, pretty);

        Assert.That(JsonNode.DeepEquals(committed, _document), Is.True,
            $"docs/openapi.json differs from the served document (saved at {servedCopy}). If the change is meant, " +
            $"run the tests once with {UpdateVariable}=1 and commit the diff of docs/openapi.json.");
    }
}
