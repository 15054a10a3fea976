using Analysis.Application.Datasets;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Analysis.Api.OpenApi;

/// <summary>
/// What the framework cannot infer about each operation: its stable operationId and tag, the headers it sends
/// (ETag, Cache-Control, Retry-After, Location, WWW-Authenticate), a 304 without content, the parameters' real
/// types (ids are UUIDs, <c>wait</c> an integer 0–60: the actions take text so that a malformed value gets the
/// API's own answer), the API-key requirement. Every 4xx and 5xx is declared with the envelope's type on the action or its controller, so
/// its schema is generated from <c>ErrorResponse</c>.
/// </summary>
public sealed class ApiOperationTransformer : IOpenApiOperationTransformer
{
    /// <summary>Controller and action name → operationId. A test checks that every action has one.</summary>
    public static IReadOnlyDictionary<string, string> OperationIds { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Sessions.Create"] = "CreateSession",
        ["Sessions.List"] = "ListSessions",
        ["Sessions.GetStatus"] = "GetSessionStatus",
        ["Sessions.Get"] = "GetSession",
        ["Sessions.GetResults"] = "GetSessionResults",
        ["Sessions.GetScript"] = "GetSessionScript",
        ["Sessions.GetReport"] = "GetSessionReport",
        ["Sessions.GetSample"] = "GetSessionSample",
        ["Sessions.Cancel"] = "CancelSession",
        ["Sessions.Delete"] = "DeleteSession",
        ["SessionEvents.Stream"] = "StreamSessionEvents",
        ["Datasets.Inspect"] = "InspectDataset",
        ["Datasets.Store"] = "StoreDataset",
        ["Datasets.List"] = "ListDatasets",
        ["Datasets.Get"] = "GetDataset",
        ["Datasets.Csv"] = "GetDatasetCsv",
        ["Datasets.Sample"] = "GetDatasetSample",
        ["Datasets.Delete"] = "DeleteDataset",
        ["Power.Calculate"] = "CalculatePower",
    };

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var values = context.Description.ActionDescriptor.RouteValues;
        var action = values.TryGetValue("controller", out var controller) && values.TryGetValue("action", out var name) ? $"{controller}.{name}" : null;
        if (action is null || !OperationIds.TryGetValue(action, out var operationId))
        {
            throw new InvalidOperationException($"The action {action} has no operationId in {nameof(ApiOperationTransformer)}.");
        }

        operation.OperationId = operationId;
        var tag = action.StartsWith("Datasets.", StringComparison.Ordinal) ? ApiDocumentTransformer.DatasetsTag
            : action.StartsWith("Power.", StringComparison.Ordinal) ? ApiDocumentTransformer.PowerTag
            : ApiDocumentTransformer.SessionsTag;
        operation.Tags = new HashSet<OpenApiTagReference> { new(tag, context.Document) };
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.ApiKeyScheme, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.BearerScheme, context.Document)] = [] },
        ];

        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is not OpenApiParameter p)
            {
                continue;
            }

            switch (p.Name)
            {
                case "id":
                    p.Description = action.StartsWith("Datasets.", StringComparison.Ordinal)
                        ? "The dataset id (a UUID, as `datasetId` in the dataset)."
                        : "The session id (a UUID, as `sessionId` in the create answer).";
                    p.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" };
                    break;
                case "datasetId":
                    p.Description = "Only the sessions of this dataset.";
                    p.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" };
                    break;
                case "withSessions":
                    p.Description = "Delete the dataset's sessions with it (none may be pending or running).";
                    break;
                case "wait":
                    p.Description = "Long poll: with `If-None-Match`, hold the request up to this many seconds until the session changes.";
                    p.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = "60", Default = 0 };
                    break;
                case "columns":
                    p.Description = $"The dataset's columns to read, by name: repeat the parameter for each (1 to {DatasetSample.MaxColumns}).";
                    p.Required = true;
                    break;
                case "limit":
                    p.Description = "At most this many rows, evenly spaced through the file when it has more.";
                    p.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1",
                        Maximum = DatasetSample.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Default = DatasetSample.DefaultLimit,
                    };
                    break;
            }
        }

        operation.Responses ??= [];
        foreach (var (code, response) in operation.Responses)
        {
            if (response is not OpenApiResponse r)
            {
                continue;
            }

            r.Description = code switch
            {
                "401" => "No API key, or one that is not known.",
                "500" => "An unexpected fault; the body's `traceId` is in the service's log line.",
                _ => r.Description,
            };
            if (code == "304")
            {
                r.Description = "Not modified: the session is as the ETag in `If-None-Match` says.";
                r.Content = null;
            }

            AddHeaders(operationId, code, r);
        }

        if (operationId == "CreateSession")
        {
            // The action reads its body as a stream (no model binding), so the framework cannot see it: both forms,
            // described from the types that document them.
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The dataset (a CSV, XLSX or Parquet file in the multipart form; CSV text in JSON) or a stored dataset's id, and the plan.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(CreateSessionJsonRequest), null, cancellationToken) },
                    ["multipart/form-data"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(CreateSessionForm), null, cancellationToken) },
                },
            };
        }
        else if (operationId == "StoreDataset")
        {
            var file = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The dataset: a multipart form, one JSON object, or the file itself as the body (its format told from its content).",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(StoreDatasetJsonRequest), null, cancellationToken) },
                    ["multipart/form-data"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(StoreDatasetForm), null, cancellationToken) },
                    ["text/csv"] = new() { Schema = file },
                    ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = new() { Schema = file },
                    ["application/vnd.apache.parquet"] = new() { Schema = file },
                    ["application/octet-stream"] = new() { Schema = file },
                },
            };

            // With the file as the body, its options come in the query.
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "name", In = ParameterLocation.Query, Description = "With the file as the body: a name for people, at most 200 characters.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
            });
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "sheet", In = ParameterLocation.Query, Description = "With an XLSX file as the body: the worksheet to read, by name (default: the first).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = DatasetFacts.MaxSheetNameLength },
            });
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "naStrings", In = ParameterLocation.Query,
                Description = "With the file as the body: the cells read as missing, the parameter once for each (default `\"\"`, `NA`, `NaN`, `null`).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 20 }, MaxItems = 20 },
            });
        }
        else if (operationId == "CalculatePower")
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The test and every quantity but the one to solve for (sd and sigLevel default to 1 and 0.05: null asks for them).",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(PowerRequest), null, cancellationToken) },
                },
            };
        }
        else if (operationId == "InspectDataset")
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The file (CSV, XLSX or Parquet) as a multipart form, or CSV text in one JSON object.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(InspectDatasetJsonRequest), null, cancellationToken) },
                    ["multipart/form-data"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(InspectDatasetForm), null, cancellationToken) },
                },
            };
        }
    }

    private static void AddHeaders(string operationId, string code, OpenApiResponse response)
    {
        var headers = new Dictionary<string, IOpenApiHeader>();
        switch (operationId, code)
        {
            case ("CreateSession", "202"):
                headers["Location"] = Header("The session's status URL (`/api/session/{id}/status`).");
                headers["Retry-After"] = Header("Seconds to wait before the first poll.", integer: true);
                break;
            case ("StoreDataset", "201" or "200"):
                headers["Location"] = Header("The dataset's URL (`/api/datasets/{id}`).");
                break;
            case ("GetDatasetCsv", "200"):
                headers["Content-Disposition"] = Header("`attachment; filename=\"<name>.csv\"`.");
                break;
            case ("GetSessionStatus", "200" or "304"):
                headers["ETag"] = Header("The session's version: send it back in `If-None-Match`.");
                headers["Cache-Control"] = Header("`no-cache`: revalidate every time.");
                headers["Retry-After"] = Header("While the session is not finished: seconds until the next poll is worth making.", integer: true);
                break;
            case ("StreamSessionEvents", "200"):
                headers["Cache-Control"] = Header("`no-cache`.");
                break;
            case (_, "401"):
                headers["WWW-Authenticate"] = Header("`Bearer`: present an API key.");
                break;
            case (_, "429" or "503"):
                headers["Retry-After"] = Header("Seconds to wait before trying again.", integer: true);
                break;
        }

        if (headers.Count > 0)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            foreach (var (name, header) in headers)
            {
                response.Headers[name] = header;
            }
        }
    }

    private static OpenApiHeader Header(string description, bool integer = false) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = integer ? JsonSchemaType.Integer : JsonSchemaType.String },
    };
}
