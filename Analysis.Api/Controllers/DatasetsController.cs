using Analysis.Api.Uploads;
using Analysis.Application.Abstractions;
using System.Text;
using Analysis.Domain.Datasets;
using Analysis.Application.Datasets.Queries.InspectDataset;
using Analysis.Application.Datasets;
using Analysis.Application.Datasets.Stored;
using Microsoft.AspNetCore.Mvc;

namespace Analysis.Api.Controllers;

/// <summary>Datasets: stored once and analysed by many sessions, or inspected without storing (docs/api.md, "Datasets").</summary>
[Route("api/datasets")]
[Produces("application/json")]
public sealed class DatasetsController(IOptions<AnalysisOptions> options) : ApiControllerBase
{
    /// <summary>
    /// Read a file (CSV, XLSX or Parquet) as a create would — its format, its columns with their types, missing and
    /// distinct counts, the text of its first 10 rows, and an XLSX's sheets — without storing anything.
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
        var inspection = await handler.HandleAsync(new InspectDatasetQuery(dataset, request.DatasetField, request.NaStrings, request.Sheet), cancellationToken);
        return Ok(new DatasetInspectionResponse(inspection.Dataset, inspection.Preview, inspection.Format) { Sheets = inspection.Sheets, Sheet = inspection.Sheet });
    }

    /// <summary>
    /// Store a dataset — CSV, XLSX or Parquet, told apart by content: a multipart <c>file</c> part (and <c>name</c>,
    /// <c>sheet</c>, <c>naStrings</c>), the file as the body (those in the query), or JSON <c>{"name", "csv"}</c>. The
    /// same owner's same content with the same options again is the dataset already stored (200).
    /// </summary>
    [HttpPost]
    [DisableFormValueModelBinding]
    [DisableRequestSizeLimit] // the reader enforces Analysis:MaxDatasetBytes + 1 MiB itself, as it streams
    [ProducesResponseType<DatasetResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<DatasetResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IActionResult> Store([FromServices] StoredDatasetService datasets, [FromServices] MemoryBudget memory, CancellationToken cancellationToken)
    {
        var request = await CreateSessionRequestReader.ReadAsync(Request, User.Owner(), options.Value, memory, cancellationToken, filePart: "file", rawBody: true);
        await using var file = request.Dataset;
        var (dataset, created) = await datasets.StoreAsync(
            request.Owner, request.Name, file, request.DatasetField, request.NaStrings, request.Sheet, cancellationToken);
        var location = $"/api/datasets/{dataset.DatasetId}";
        Response.Headers.Location = location;
        return created ? Created(location, new DatasetResponse(dataset)) : Ok(new DatasetResponse(dataset));
    }

    /// <summary>List the caller's datasets, newest first.</summary>
    [HttpGet]
    [ProducesResponseType<DatasetListResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> List(
        [FromServices] StoredDatasetService datasets, CancellationToken cancellationToken, [FromQuery] int page = 1, [FromQuery] int pageSize = 20)
    {
        var list = await datasets.ListAsync(User.Owner(), page, pageSize, cancellationToken);
        return Ok(new DatasetListResponse(list.Datasets, list.Page, list.PageSize, list.Total));
    }

    /// <summary>A dataset, with the text of its first 10 rows.</summary>
    [HttpGet("{id}")]
    [ProducesResponseType<DatasetDetailsResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(string id, [FromServices] StoredDatasetService datasets, CancellationToken cancellationToken)
    {
        var found = await datasets.GetAsync(IdOf(id), User.Owner(), cancellationToken);
        return Ok(new DatasetDetailsResponse(found.Dataset, found.Preview));
    }

    /// <summary>The dataset as CSV, as the service reads it: storing this file again (with naStrings [""]) gives the same dataset.</summary>
    [HttpGet("{id}/csv")]
    [Produces("text/csv", "application/json")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/csv")]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound, "application/json")]
    public async Task Csv(string id, [FromServices] StoredDatasetService datasets, CancellationToken cancellationToken)
    {
        var (loaded, name) = await datasets.LoadAsync(IdOf(id), User.Owner(), cancellationToken);
        using (loaded)
        {
            Response.ContentType = "text/csv; charset=utf-8";
            Response.Headers.ContentDisposition = $"attachment; filename=\"{DownloadName.Of(name)}.csv\"";
            await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false), 1 << 16);
            foreach (var line in StoredDatasetText.Lines(loaded.Dataset))
            {
                await writer.WriteAsync(line.AsMemory(), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Rows of the dataset for a chart: the named columns (up to 20: the parameter once for each) of at most
    /// <c>limit</c> rows (1–10,000, default 2,000), evenly spaced through the file when it has more.
    /// </summary>
    [HttpGet("{id}/sample")]
    [ProducesResponseType<DatasetSampleResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> Sample(
        string id,
        [FromServices] StoredDatasetService datasets,
        CancellationToken cancellationToken,
        [FromQuery] string[]? columns = null,
        [FromQuery] int limit = DatasetSample.DefaultLimit)
    {
        var datasetId = IdOf(id);
        var sample = await datasets.SampleAsync(datasetId, User.Owner(), columns ?? [], limit, cancellationToken);
        return Ok(new DatasetSampleResponse(datasetId, sample.Rows, sample.Sampled, SampleColumn.From(sample)));
    }

    /// <summary>Delete a dataset: refused while it has sessions, unless <c>withSessions=true</c> deletes them with it.</summary>
    [HttpDelete("{id}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Delete(
        string id, [FromServices] StoredDatasetService datasets, CancellationToken cancellationToken, [FromQuery] bool withSessions = false)
    {
        var deletion = await datasets.DeleteAsync(IdOf(id), User.Owner(), withSessions, cancellationToken);
        return deletion.Outcome switch
        {
            DatasetDeletionOutcome.Deleted => NoContent(),
            DatasetDeletionOutcome.InUse => Conflict(new ErrorResponse("Dataset is in use by a running session")),
            DatasetDeletionOutcome.HasSessions => Conflict(new ErrorResponse(
                $"Dataset has {deletion.Sessions} session{(deletion.Sessions == 1 ? string.Empty : "s")}; delete them first or pass withSessions=true") { Sessions = deletion.Sessions }),
            _ => throw new DatasetNotFoundException(),
        };
    }

    /// <summary>An id as the path gives it: one that names no dataset, malformed included, is found by nobody.</summary>
    private static Guid IdOf(string id) => Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty;
}
