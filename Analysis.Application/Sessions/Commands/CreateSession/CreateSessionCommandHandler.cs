using Analysis.Application.Abstractions;
using Analysis.Application.Common;
using Analysis.Application.Datasets;
using Analysis.Application.Sessions.Plans;
using Analysis.Domain.Analyses;
using Analysis.Domain.Datasets;
using Analysis.Domain.Sessions;
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
    IValidator<AnalysisSpecDto> specValidator,
    IValidator<SpecOnDataset> planValidator,
    IDatasetReader datasetReader,
    IAnalysisSessionRepository repository,
    IWorkSignal workSignal,
    IOptions<AnalysisOptions> options,
    TimeProvider time,
    ILogger<CreateSessionCommandHandler> logger)
    : ICommandHandler<CreateSessionCommand, CreateSessionResult>
{
    public async Task<CreateSessionResult> HandleAsync(CreateSessionCommand command, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Add(await commandValidator.ValidateAsync(command, cancellationToken));

        var specDtos = AnalysisPlanParser.Parse(command.Analyses, errors);
        for (var i = 0; specDtos is not null && i < specDtos.Count; i++)
        {
            errors.Add(await specValidator.ValidateAsync(specDtos[i], cancellationToken), $"{AnalysisPlanParser.PlanPath}[{i}]");
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var dataset = ReadDataset(command, errors, cancellationToken);
        var parseMs = stopwatch.ElapsedMilliseconds;
        if (errors.Any || dataset is null || specDtos is null)
        {
            errors.ThrowIfAny();
            throw new InvalidOperationException("Unreachable: a create request without errors has a dataset and a plan.");
        }

        var schema = dataset.Schema;
        var plan = new List<AnalysisSpec>(specDtos.Count);
        for (var i = 0; i < specDtos.Count; i++)
        {
            var spec = AnalysisSpecMapper.ToDomain(specDtos[i], schema);
            var path = $"{AnalysisPlanParser.PlanPath}[{i}]";
            errors.Add(await planValidator.ValidateAsync(new SpecOnDataset(spec, dataset), cancellationToken), path);
            plan.Add(spec);
        }

        errors.ThrowIfAny();

        var session = AnalysisSession.Create(command.Owner, command.Name, schema, plan, time);
        stopwatch.Restart();
        await repository.AddAsync(session, dataset, cancellationToken);
        workSignal.Notify();
        logger.LogInformation(
            "Session {SessionId} created: {Rows} rows x {Columns} columns, {Analyses} analyses (CSV read in {ParseMs} ms, stored in {StoreMs} ms)",
            session.Id, schema.Rows, schema.Columns.Count, plan.Count, parseMs, stopwatch.ElapsedMilliseconds);
        return new CreateSessionResult(session.Id, session.Status.ToWireName());
    }

    private Dataset? ReadDataset(CreateSessionCommand command, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (command.Dataset is null)
        {
            return null;
        }

        var limits = new DatasetLimits(options.Value.MaxRows, options.Value.MaxColumns);
        try
        {
            return datasetReader.Read(command.Dataset, limits, cancellationToken);
        }
        catch (DatasetFormatException ex)
        {
            errors.Add(command.DatasetField, ex.Message);
            return null;
        }
    }
}
