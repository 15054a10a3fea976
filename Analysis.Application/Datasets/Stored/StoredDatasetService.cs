using Analysis.Application.Sessions.Queries.ListSessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analysis.Application.Datasets.Stored;

/// <summary>
/// The datasets resource (docs/api.md, "Datasets"): store an upload once per content, read one with its first rows, list,
/// export as CSV, delete. Every call is the caller's owner's: another owner's dataset is <see cref="DatasetNotFoundException"/>.
/// </summary>
public sealed class StoredDatasetService(
    IDatasetReader reader,
    IDatasetRepository repository,
    IDatasetQueries queries,
    IDatasetStore store,
    IOptions<AnalysisOptions> options,
    IOptions<QuotaOptions> quotas,
    MemoryBudget memory,
    TimeProvider time,
    ILogger<StoredDatasetService> logger)
{
    public const int PreviewRows = 10;

    /// <summary>Stores the upload, or finds the owner's dataset of the same bytes and options (then <c>Created</c> is false).</summary>
    public async Task<(DatasetDto Dataset, bool Created)> StoreAsync(
        string owner, string? name, Stream? file, string field, IReadOnlyList<string>? naStrings, string? sheet, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var missing = DatasetFacts.MissingValuesOf(naStrings, onStoredDataset: false, errors);
        DatasetFacts.CheckSheet(sheet, onStoredDataset: false, errors);
        if (name is not null && name.EnumerateRunes().Count() > StoredDataset.MaxNameLength)
        {
            errors.Add("name", $"At most {StoredDataset.MaxNameLength} characters.");
        }

        if (file is null)
        {
            errors.Add(field, "Required: the dataset's file.");
        }

        errors.ThrowIfAny();
        var sha256 = DatasetFacts.Sha256(file!);
        var contentKey = DatasetFacts.ContentKey(sha256, missing.Strings, sheet);
        if (await repository.FindByContentAsync(owner, contentKey, cancellationToken) is { } same)
        {
            if (!same.Kept)
            {
                await repository.KeepAsync(same.Id, cancellationToken);
            }

            return (await DtoAsync(same.Id, owner, cancellationToken), false);
        }

        var limits = new DatasetLimits(options.Value.MaxRows, options.Value.MaxColumns, options.Value.MaxCells);
        var outline = await UploadedDataset.OutlineAsync(reader, file, sheet, field, errors, cancellationToken);
        errors.ThrowIfAny();
        using var columnsMemory = await memory.ReserveAsync(outline!.ColumnBytes(limits), cancellationToken);
        var data = await UploadedDataset.ReadAsync(reader, file!, outline, limits, field, errors, cancellationToken, missing);
        errors.ThrowIfAny();

        var dataset = StoredDataset.Create(
            owner, name, outline.Format.ToWireName(), DatasetFacts.SchemaOf(data!), 0, sha256, contentKey, missing.Strings, kept: true, time);
        var added = await repository.AddAsync(dataset, data!, quotas.Value.MaxStoredBytesPerOwner, cancellationToken);
        if (added.Created)
        {
            logger.LogInformation("Dataset {DatasetId} stored from {Format}: {Rows} rows x {Columns} columns, {Bytes} bytes",
                dataset.Id, dataset.Format, dataset.Schema.Rows, dataset.Schema.Columns.Count, dataset.Bytes);
        }

        return (await DtoAsync(added.Dataset.Id, owner, cancellationToken), added.Created);
    }

    public async Task<DatasetWithPreviewDto> GetAsync(Guid id, string owner, CancellationToken cancellationToken)
    {
        var listing = await queries.GetAsync(id, owner, cancellationToken) ?? throw new DatasetNotFoundException();
        var schema = listing.Dataset.Schema;
        var rows = Enumerable.Range(0, Math.Min(PreviewRows, schema.Rows)).ToArray();
        using var loaded = await store.ReadRowsAsync(id, schema, [.. schema.Columns.Select(c => c.Name)], rows, cancellationToken)
                           ?? throw new DatasetNotFoundException();
        var data = loaded.Dataset;
        IReadOnlyList<IReadOnlyList<string>> preview =
            [.. rows.Select((_, r) => (IReadOnlyList<string>)[.. data.Columns.Select(c => StoredDatasetText.Cell(c, r))])];
        return new DatasetWithPreviewDto(DatasetDto.From(listing, options.Value.Retention), preview);
    }

    public async Task<DatasetPageDto> ListAsync(string owner, int page, int pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        // The same paging as the session list.
        if (page is < 1 or > ListSessionsQuery.MaxPage)
        {
            errors.Add("page", $"Must be between 1 and {ListSessionsQuery.MaxPage}.");
        }

        if (pageSize is < 1 or > ListSessionsQuery.MaxPageSize)
        {
            errors.Add("pageSize", $"Must be between 1 and {ListSessionsQuery.MaxPageSize}.");
        }

        errors.ThrowIfAny();
        var (datasets, total) = await queries.ListAsync(owner, page, pageSize, cancellationToken);
        return new DatasetPageDto([.. datasets.Select(d => DatasetDto.From(d, options.Value.Retention))], page, pageSize, total);
    }

    /// <summary>The whole dataset, loaded within the memory budget (the caller disposes it), and its name.</summary>
    public async Task<(LoadedDataset Data, string Name)> LoadAsync(Guid id, string owner, CancellationToken cancellationToken)
    {
        var listing = await queries.GetAsync(id, owner, cancellationToken) ?? throw new DatasetNotFoundException();
        var schema = listing.Dataset.Schema;
        var loaded = await store.LoadAsync(id, schema, [.. schema.Columns.Select(c => c.Name)], 0, cancellationToken, forRequest: true)
                     ?? throw new DatasetNotFoundException();
        return (loaded, listing.Dataset.Name ?? $"dataset-{id}");
    }

    /// <summary>Rows of the owner's dataset for a chart (<see cref="DatasetSample"/>).</summary>
    public async Task<SampleDto> SampleAsync(Guid id, string owner, IReadOnlyList<string> columns, int limit, CancellationToken cancellationToken)
    {
        DatasetSample.CheckRequest(columns, limit);
        var listing = await queries.GetAsync(id, owner, cancellationToken) ?? throw new DatasetNotFoundException();
        return await DatasetSample.ReadAsync(store, id, listing.Dataset.Schema, columns, limit, cancellationToken)
               ?? throw new DatasetNotFoundException();
    }

    public Task<DatasetDeletion> DeleteAsync(Guid id, string owner, bool withSessions, CancellationToken cancellationToken) =>
        repository.DeleteAsync(id, owner, withSessions, cancellationToken);

    private async Task<DatasetDto> DtoAsync(Guid id, string owner, CancellationToken cancellationToken) =>
        DatasetDto.From(await queries.GetAsync(id, owner, cancellationToken) ?? throw new DatasetNotFoundException(), options.Value.Retention);
}
