using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Analysis.Api.OpenApi;

/// <summary>
/// The document's own parts: title, description, licence and contact, one relative server (the origin that serves the document), the
/// tags with their descriptions, and the two ways of presenting an API key (a header and a bearer token).
/// HEAD operations are left out: they mirror their GET (same headers, no body) and would repeat its operationId.
/// </summary>
public sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";
    public const string SessionsTag = "Sessions";
    public const string DatasetsTag = "Datasets";
    public const string PowerTag = "Power";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "Analysis API",
            Version = "v1",
            Description = "Send a dataset (CSV) and a plan of statistical analyses; the service answers at once with a " +
                          "session id and runs the analyses in the background. Poll the session's status (with its ETag, " +
                          "and `?wait=` to be answered only on a change) or follow its event stream until it is done, " +
                          "then read the results. Every number is checked against R's `stats` package.",
            License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" },
            Contact = new OpenApiContact { Name = "Analysis maintainers" },
        };
        // Relative: the service that serves this document (a client sets its base address; `dotnet run` listens on
        // http://localhost:5000).
        document.Servers = [new OpenApiServer { Url = "/", Description = "This service: the origin the document was read from." }];
        document.Tags = new HashSet<OpenApiTag>
        {
            new()
            {
                Name = SessionsTag,
                Description = "Analysis sessions: create one from a CSV and a plan, follow its status, read its results, " +
                              "cancel or delete it. Every session belongs to the owner of the API key that created it.",
            },
            new()
            {
                Name = DatasetsTag,
                Description = "Datasets on their own: read a CSV as a create would, to see its columns before building a plan. Nothing is stored.",
            },
            new()
            {
                Name = PowerTag,
                Description = "Power and sample size before a study, as R's power.t.test, power.prop.test and power.anova.test: no dataset, answered at once.",
            },
        };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An API key (`Auth:ApiKeys`); a development machine prints its first-run key at start.",
            },
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The same API key as a bearer token: `Authorization: Bearer <key>`.",
            },
        };

        // HEAD mirrors GET; documented once, as GET.
        foreach (var path in document.Paths.Values)
        {
            path.Operations?.Remove(HttpMethod.Head);
        }

        return Task.CompletedTask;
    }
}
