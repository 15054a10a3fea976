using System.Security.Cryptography;
using System.Text;
using Analysis.Application.Datasets;
using Analysis.Application.Sessions.Plans;
using FluentValidation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analysis.Application.Sessions.Commands.CreateSession;

/// <summary>
/// Checks the request, reads the CSV, checks the plan against it, stores session and dataset in one
/// transaction and wakes a worker. Every problem found is reported at once as one 400; nothing is stored then.
/// </summary>
public sealed class CreateSessionCommandHandler(
    IValidator<CreateSessionCommand> commandValidator,
    AnalysisPlanParser planParser,
    AnalysisPlanValidator planValidator,
    IDatasetReader datasetReader,
    IAnalysisSessionRepository repository,
    IDatasetRepository datasets,
    IDatasetQueries datasetQueries,
    IDatasetStore datasetStore,
    ISessionQueries sessions,
    IOptions<AnalysisOptions> options,
    IOptions<QuotaOptions> quotas,
    MemoryBudget memory,
    TimeProvider time,
    ILogger<CreateSessionCommandHandler> logger)
    : ICommandHandler<CreateSessionCommand, CreateSessionResult>
{
    public async Task<CreateSessionResult> HandleAsync(CreateSessionCommand command, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Add(await commandValidator.ValidateAsync(command, cancellationToken));
        if (command.IdempotencyKeyHeaders > 1)
        {
            // Named as the header is, not in a field path's camelCase. Joined, two keys would make a third.
            errors.Add("Idempotency-Key", $"Send one Idempotency-Key header, not {command.IdempotencyKeyHeaders}.");
        }
        else if (command.IdempotencyKey is { } given && !IdempotencyKey.IsValid(given))
        {
            errors.Add("Idempotency-Key", $"1 to {IdempotencyKey.MaxLength} printable ASCII characters.");
        }

        // A repeat of a request already answered is answered the same way, before any of the work is done again.
        var key = errors.Any || command.IdempotencyKey is not { } idempotencyKey ? null : new IdempotencyKey(idempotencyKey, Fingerprint(command));
        if (key is not null && await RepeatedAsync(command.Owner, key, cancellationToken) is { } repeated)
        {
            return repeated;
        }

        var entries = planParser.Parse(command.Analyses, errors);
        for (var i = 0; entries is not null && i < entries.Count; i++)
        {
            planValidator.CheckFields(entries[i], $"{AnalysisPlanParser.PlanPath}[{i}]", errors);
        }

        var missing = DatasetFacts.MissingValuesOf(command.NaStrings, command.DatasetId is not null && command.Dataset is null, errors);
        DatasetFacts.CheckSheet(command.Sheet, command.DatasetId is not null && command.Dataset is null, errors);

        // A dataset already stored — named, or the same bytes uploaded again — is used as it is: no parse, no copy.
        if (!errors.Any && entries is not null && command.Dataset is null && command.DatasetId is { } named)
        {
            return await CreateOnStoredAsync(command, named, entries, key, cancellationToken);
        }

        string? sha256 = null, contentKey = null;
        if (!errors.Any && entries is not null && command.Dataset is { } upload)
        {
            sha256 = DatasetFacts.Sha256(upload);
            contentKey = DatasetFacts.ContentKey(sha256, missing.Strings, command.Sheet);
            if (await datasets.FindByContentAsync(command.Owner, contentKey, cancellationToken) is { } same)
            {
                return await CreateOnStoredAsync(command, same.Id, entries, key, cancellationToken);
            }
        }

        // The parsed columns' memory is reserved before they are allocated, and held until they are stored.
        var limits = new DatasetLimits(options.Value.MaxRows, options.Value.MaxColumns, options.Value.MaxCells);
        var outline = await UploadedDataset.OutlineAsync(datasetReader, command.Dataset, command.Sheet, command.DatasetField, errors, cancellationToken);
        using var columnsMemory = outline is null ? null : await memory.ReserveAsync(outline.ColumnBytes(limits), cancellationToken);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var dataset = outline is null ? null
            : await UploadedDataset.ReadAsync(datasetReader, command.Dataset!, outline, limits, command.DatasetField, errors, cancellationToken, missing);
        var parseMs = stopwatch.ElapsedMilliseconds;
        if (errors.Any || dataset is null || entries is null)
        {
            errors.ThrowIfAny();
            throw new InvalidOperationException("Unreachable: a create request without errors has a dataset and a plan.");
        }

        var schema = DatasetFacts.SchemaOf(dataset);
        var plan = new List<AnalysisSpec>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            plan.Add(planValidator.Build(entries[i], dataset, $"{AnalysisPlanParser.PlanPath}[{i}]", errors));
        }

        errors.ThrowIfAny();
        planValidator.CheckCost(plan, schema, AnalysisPlanParser.PlanPath, errors);
        errors.ThrowIfAny();

        // A dataset of its own, under the session's id (as every session had before datasets were a resource).
        var session = AnalysisSession.Create(command.Owner, command.Name, schema, plan, time);
        var record = StoredDataset.Create(
            command.Owner, command.Name, outline!.Format.ToWireName(), schema, 0, sha256, contentKey, missing.Strings, kept: false, time, session.DatasetId);
        stopwatch.Restart();
        try
        {
            await repository.AddAsync(session, dataset, new SessionAdmission(quotas.Value.MaxStoredBytesPerOwner, key, record), cancellationToken);
        }
        catch (IdempotencyKeyTakenException) when (key is not null)
        {
            return await RepeatedAfterRaceAsync(command.Owner, key, cancellationToken);
        }
        catch (DatasetStoredMeanwhileException meanwhile)
        {
            // The same bytes, stored by another request of the owner's at the same moment: the plan, checked against
            // this copy of them, runs on that one.
            return await AddOnStoredAsync(AnalysisSession.Create(command.Owner, command.Name, schema, plan, time, meanwhile.DatasetId), key, cancellationToken);
        }

        logger.LogInformation(
            "Session {SessionId} created: {Rows} rows x {Columns} columns, {Analyses} analyses ({Format} read in {ParseMs} ms, stored in {StoreMs} ms)",
            session.Id, schema.Rows, schema.Columns.Count, plan.Count, outline.Format.ToWireName(), parseMs, stopwatch.ElapsedMilliseconds);
        return new CreateSessionResult(session.Id, session.Status.ToWireName());
    }

    /// <summary>
    /// A session on the owner's stored dataset: the plan is checked against its schema and the values of the columns
    /// whose checks need them — grouping columns and categorical ones (their levels), read from storage, not parsed —
    /// and the session stored on it; nothing of the dataset is copied. A plan of numeric columns alone reads nothing.
    /// </summary>
    private async Task<CreateSessionResult> CreateOnStoredAsync(
        CreateSessionCommand command, Guid datasetId, IReadOnlyList<PlanEntry> entries, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        var stored = await datasetQueries.GetAsync(datasetId, command.Owner, cancellationToken) ?? throw new DatasetNotFoundException();
        var schema = stored.Dataset.Schema;
        var errors = new ValidationErrors();
        var plan = entries.Select(entry => planValidator.Build(entry, schema)).ToList();
        var used = plan.SelectMany(spec => spec.ColumnsUsed).ToHashSet(StringComparer.Ordinal);
        var grouping = plan.SelectMany(spec => spec.GroupingColumns).ToHashSet(StringComparer.Ordinal);
        var numeric = schema.Columns.Where(c => c.Type == ColumnType.Numeric && used.Contains(c.Name) && !grouping.Contains(c.Name))
            .Select(c => c.Name).ToList();
        var valued = used.Except(numeric).Where(name => schema.Columns.Any(c => c.Name == name)).ToList();

        // The numeric columns checked for their type only stand in with no values: a column of the dataset's length
        // when others are read (one array for all of them, inside the budget), else of none.
        using var standInMemory = valued.Count == 0 || numeric.Count == 0 ? null : await memory.ReserveAsync(8L * schema.Rows, cancellationToken);
        using (var loaded = valued.Count == 0 ? null : await datasetStore.LoadAsync(datasetId, schema, valued, 0, cancellationToken, forRequest: true))
        {
            if (valued.Count > 0 && loaded is null)
            {
                throw new DatasetNotFoundException();
            }

            var standIn = new double[numeric.Count == 0 ? 0 : loaded?.Dataset.RowCount ?? 0];
            var data = new Dataset([.. (loaded?.Dataset.Columns ?? []).Concat(numeric.Select(name => new NumericColumn(name, standIn)))]);
            for (var i = 0; i < plan.Count; i++)
            {
                AnalysisPlanValidator.CheckData(plan[i], data, $"{AnalysisPlanParser.PlanPath}[{i}]", errors);
            }
        }

        errors.ThrowIfAny();
        planValidator.CheckCost(plan, schema, AnalysisPlanParser.PlanPath, errors);
        errors.ThrowIfAny();

        return await AddOnStoredAsync(AnalysisSession.Create(command.Owner, command.Name, schema, plan, time, datasetId), key, cancellationToken);
    }

    private async Task<CreateSessionResult> AddOnStoredAsync(AnalysisSession session, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        try
        {
            await repository.AddOnStoredDatasetAsync(session, new SessionAdmission(quotas.Value.MaxStoredBytesPerOwner, key), cancellationToken);
        }
        catch (IdempotencyKeyTakenException) when (key is not null)
        {
            return await RepeatedAfterRaceAsync(session.Owner, key, cancellationToken);
        }

        logger.LogInformation(
            "Session {SessionId} created on dataset {DatasetId}: {Rows} rows x {Columns} columns, {Analyses} analyses",
            session.Id, session.DatasetId, session.Dataset.Rows, session.Dataset.Columns.Count, session.Plan.Count);
        return new CreateSessionResult(session.Id, session.Status.ToWireName());
    }

    /// <summary>The same request, sent twice at once: the other one stored it; answer as it did.</summary>
    private async Task<CreateSessionResult> RepeatedAfterRaceAsync(string owner, IdempotencyKey key, CancellationToken cancellationToken) =>
        await RepeatedAsync(owner, key, cancellationToken)
        ?? throw new InvalidOperationException("An idempotency key was taken and then not found.");

    /// <summary>
    /// The answer to a request whose owner and key were used within the key's lifetime: the same session, with its
    /// status now, for the same request; a 422 for a different one; null when the key is new (a deleted session's key
    /// goes with it).
    /// </summary>
    private async Task<CreateSessionResult?> RepeatedAsync(string owner, IdempotencyKey key, CancellationToken cancellationToken)
    {
        var first = await sessions.FindIdempotentCreateAsync(owner, key.Key, time.GetUtcNow() - IdempotencyKey.Lifetime, cancellationToken);
        if (first is not { Status: { } status })
        {
            return null;
        }

        if (!string.Equals(first.Fingerprint, key.Fingerprint, StringComparison.Ordinal))
        {
            throw new IdempotencyConflictException();
        }

        logger.LogInformation("Create repeated with idempotency key: answered with session {SessionId}", first.SessionId);
        return new CreateSessionResult(first.SessionId, status.ToWireName());
    }

    /// <summary>
    /// What the request asks for, as a SHA-256: its name, plan (as sent) and dataset bytes, each length-prefixed. The
    /// same request sent again has the same fingerprint whatever its multipart boundary.
    /// </summary>
    private static string Fingerprint(CreateSessionCommand command)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Text(string? text)
        {
            var bytes = text is null ? [] : Encoding.UTF8.GetBytes(text);
            hash.AppendData(BitConverter.GetBytes(text is null ? -1L : bytes.LongLength));
            hash.AppendData(bytes);
        }

        Text(command.Name);
        Text(command.Analyses?.GetRawText());
        if (command.NaStrings is { } naStrings)
        {
            Text(System.Text.Json.JsonSerializer.Serialize(naStrings)); // (only then, as below)
        }

        if (command.DatasetId is { } datasetId)
        {
            Text(datasetId.ToString()); // (only then: a key stored before datasets had ids keeps its fingerprint)
        }

        if (command.Sheet is { } sheet)
        {
            Text("sheet:" + sheet); // (only then, as above)
        }
        if (command.Dataset is { } dataset)
        {
            var start = dataset.Position;
            var buffer = new byte[1 << 16];
            int read;
            while ((read = dataset.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }

            dataset.Position = start;
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
