using Analysis.Api.Uploads;
using Analysis.Application.Abstractions;
using Analysis.Application.Datasets.Queries.InspectDataset;
using Microsoft.AspNetCore.Mvc;

namespace Analysis.Api.Controllers;

/// <summary>Datasets without sessions (docs/api.md, POST /api/datasets/inspect).</summary>
[Route("api/datasets")]
[Produces("application/json")]
public sealed class DatasetsController(IOptions<AnalysisOptions> options) : ApiControllerBase
{
    /// <summary>
    /// Read a CSV as a create would — its columns with their types, missing and distinct counts, and the text of its
    /// first 10 rows — without storing anything.
    /// </summary>
    [HttpPost("inspect")]
    [DisableFormValueModelBinding]
    [DisableRequestSizeLimit] // the reader enforces Analysis:MaxDatasetBytes + 1 MiB itself, as it streams
    [ProducesResponseType<DatasetInspectionResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IActionResult> Inspect(
        [FromServices] IQueryHandler<InspectDatasetQuery, DatasetInspection> handler,
        [FromServices] MemoryBudget memory,
        CancellationToken cancellationToken)
    {
        // The same reader as a create: the same forms, limits and errors; a plan or name, if sent, is not used.
        var request = await CreateSessionRequestReader.ReadAsync(Request, User.Owner(), options.Value, memory, cancellationToken);
        await using var dataset = request.Dataset;
        var inspection = await handler.HandleAsync(new InspectDatasetQuery(dataset, request.DatasetField), cancellationToken);
        return Ok(new DatasetInspectionResponse(inspection.Dataset, inspection.Preview));
    }
}
