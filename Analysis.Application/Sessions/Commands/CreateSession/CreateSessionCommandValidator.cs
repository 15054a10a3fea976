using Analysis.Domain.Sessions.Rules;
using FluentValidation;

namespace Analysis.Application.Sessions.Commands.CreateSession;

/// <summary>The envelope of a create request: the name, that a dataset came, that the plan has 1 to 100 entries.</summary>
public sealed class CreateSessionCommandValidator : AbstractValidator<CreateSessionCommand>
{
    public CreateSessionCommandValidator()
    {
        RuleFor(x => x.Name).Must(n => n is null || AnalysisSession.NameLength(n) <= AnalysisSession.MaxNameLength)
            .WithMessage($"At most {AnalysisSession.MaxNameLength} characters.");
        RuleFor(x => x).Custom((command, context) =>
        {
            // Reported under the field the client used: "dataset" (multipart) or "csv" (JSON), and "datasetId".
            if (command.Dataset is null && command.DatasetId is null)
            {
                context.AddFailure(command.DatasetField, "Required: the CSV dataset (or 'datasetId', a stored dataset's id).");
                context.AddFailure("datasetId", $"Required: a stored dataset's id (or '{command.DatasetField}', the CSV dataset).");
            }
            else if (command.Dataset is not null && command.DatasetId is not null)
            {
                context.AddFailure(command.DatasetField, $"Send '{command.DatasetField}' or 'datasetId', not both.");
                context.AddFailure("datasetId", $"Send '{command.DatasetField}' or 'datasetId', not both.");
            }
        });
        RuleFor(x => x.Analyses)
            .Must(a => a is not { ValueKind: System.Text.Json.JsonValueKind.Array } array ||
                       array.GetArrayLength() is >= 1 and <= PlanMustHoldOneToMaxAnalysesRule.MaxAnalyses)
            .WithMessage($"The plan holds 1 to {PlanMustHoldOneToMaxAnalysesRule.MaxAnalyses} analyses.");
    }
}
