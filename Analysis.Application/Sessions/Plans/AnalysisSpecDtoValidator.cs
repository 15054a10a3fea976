using Analysis.Domain.Analyses;
using FluentValidation;

namespace Analysis.Application.Sessions.Plans;

/// <summary>
/// The shape of one spec, before the dataset is known: a known type, the fields that type requires, none it
/// does not take, values in range. Column existence and types are checked by <see cref="PlanDatasetValidator"/>.
/// Predicates accept null where another rule reports the missing field, so each problem is said once.
/// </summary>
public sealed class AnalysisSpecDtoValidator : AbstractValidator<AnalysisSpecDto>
{
    private static IReadOnlyDictionary<string, IReadOnlySet<string>> FieldsByType => AnalysisSpecShapes.FieldsByType;

    public AnalysisSpecDtoValidator()
    {
        RuleFor(x => x.Type).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Required: one of " + string.Join(", ", AnalysisTypes.All) + ".")
            .Must(t => FieldsByType.ContainsKey(t!))
            .WithMessage(x => $"Unknown analysis type '{x.Type}'; expected one of {string.Join(", ", AnalysisTypes.All)}.");

        RuleFor(x => x).Custom((dto, context) =>
        {
            if (dto.Type is null || !FieldsByType.TryGetValue(dto.Type, out var allowed))
            {
                return;
            }

            foreach (var (field, present) in PresentFields(dto))
            {
                if (present && !allowed.Contains(field))
                {
                    context.AddFailure(field, $"Not a field of a {dto.Type} analysis.");
                }
            }
        });

        RuleFor(x => x.Columns).Must(DistinctNames).WithMessage("A column is named twice.");

        When(x => x.Type == AnalysisTypes.Descriptive, () =>
            RuleFor(x => x.Columns).Must(c => c is null || c.Count > 0)
                .WithMessage("Name at least one column, or leave the field out for every numeric column."));

        When(x => x.Type == AnalysisTypes.Correlation, () =>
        {
            RuleFor(x => x.Columns).Must(c => c is null || c.Count >= 2)
                .WithMessage("A correlation needs at least 2 columns.");
            RuleFor(x => x.Method).Must(m => m is null or "pearson" or "spearman" or "kendall")
                .WithMessage("Must be \"pearson\", \"spearman\" or \"kendall\".");
        });

        When(x => x.Type == AnalysisTypes.TTest, AddTTestRules);

        When(x => x.Type == AnalysisTypes.Anova, ColumnAndGroups);

        When(x => x.Type is AnalysisTypes.Regression or AnalysisTypes.Logistic, () =>
        {
            RuleFor(x => x.Dependent).NotEmpty().WithMessage("Required: the response column.");
            RuleFor(x => x.Independents).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Required: an array of predictor columns.")
                .Must(c => c!.Count >= 1).WithMessage("Name at least one predictor.")
                .Must(DistinctNames).WithMessage("A predictor is named twice.")
                .Must((x, c) => x.Dependent is null || !c!.Contains(x.Dependent, StringComparer.Ordinal))
                .WithMessage("The dependent column cannot also be a predictor.");
        });

        When(x => x.Type == AnalysisTypes.Levene, () =>
        {
            ColumnAndGroups();
            RuleFor(x => x.Center).Must(c => c is null or "median" or "mean").WithMessage("Must be \"median\" or \"mean\".");
        });

        When(x => x.Type == AnalysisTypes.MannWhitney, () =>
        {
            ColumnAndGroups();
            RuleFor(x => x.Groups).Cascade(CascadeMode.Stop)
                .Must(g => g is null || g.Count == 2).WithMessage("Must name exactly two levels: [first, second].")
                .Must(DistinctNames).WithMessage("The two levels must differ.");
        });

        When(x => x.Type == AnalysisTypes.Wilcoxon, () =>
        {
            RuleFor(x => x).Custom((dto, context) =>
            {
                if (dto.Columns is null && dto.Column is null)
                {
                    context.AddFailure("column", "Required: \"column\" (against mu), or \"columns\": [a, b] for pairs.");
                }
                else if (dto.Columns is not null && dto.Column is not null)
                {
                    context.AddFailure("columns", "Give \"columns\": [a, b] for pairs or \"column\" against mu, not both.");
                }
            });
            RuleFor(x => x.Columns).Must(c => c is null || c.Count == 2).WithMessage("A paired test compares exactly two columns: [a, b].");
            RuleFor(x => x.Mu).Null().When(x => x.Columns is not null).WithMessage("A paired test does not take \"mu\".");
        });

        When(x => x.Type == AnalysisTypes.Kruskal, ColumnAndGroups);

        When(x => x.Type == AnalysisTypes.Tukey, () =>
        {
            ColumnAndGroups();
            RuleFor(x => x.ConfidenceLevel).Must(c => c is null or > 0 and < 1).WithMessage("Must be between 0 and 1, e.g. 0.95.");
        });

        When(x => x.Type == AnalysisTypes.Fisher, () =>
        {
            RuleFor(x => x.Columns).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Required: [rowVariable, columnVariable].")
                .Must(c => c!.Count == 2).WithMessage("Must name exactly two columns: [rowVariable, columnVariable].");
            RuleFor(x => x.ConfidenceLevel).Must(c => c is null or > 0 and < 1).WithMessage("Must be between 0 and 1, e.g. 0.95.");
        });

        When(x => x.Type == AnalysisTypes.Shapiro, () =>
            RuleFor(x => x.Columns).Must(c => c is null || c.Count > 0)
                .WithMessage("Name at least one column, or leave the field out for every numeric column."));

        When(x => x.Type == AnalysisTypes.ChiSquare, () =>
            RuleFor(x => x.Columns).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Required: [rowVariable, columnVariable].")
                .Must(c => c!.Count == 2).WithMessage("Must name exactly two columns: [rowVariable, columnVariable]."));
    }

    /// <summary>A numeric <c>column</c> compared across the levels of <c>groupBy</c>.</summary>
    private void ColumnAndGroups()
    {
        RuleFor(x => x.Column).NotEmpty().WithMessage("Required: the numeric column to compare.");
        RuleFor(x => x.GroupBy).NotEmpty().WithMessage("Required: the column whose levels form the groups.");
    }

    private void AddTTestRules()
    {
        RuleFor(x => x.ConfidenceLevel).Must(c => c is null or > 0 and < 1)
            .WithMessage("Must be between 0 and 1, e.g. 0.95.");

        When(x => x.Paired == true, () =>
        {
            RuleFor(x => x.Columns).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("A paired t-test needs \"columns\": [a, b].")
                .Must(c => c!.Count == 2).WithMessage("A paired t-test compares exactly two columns: [a, b].");
            RuleFor(x => x.Column).Null().WithMessage("A paired t-test takes \"columns\": [a, b], not \"column\".");
            RuleFor(x => x.GroupBy).Null().WithMessage("A paired t-test does not take \"groupBy\".");
            RuleFor(x => x.Mu).Null().WithMessage("A paired t-test does not take \"mu\".");
            RuleFor(x => x.Groups).Null().WithMessage("A paired t-test does not take \"groups\".");
            RuleFor(x => x.EqualVariance).Null().WithMessage("A paired t-test does not take \"equalVariance\".");
        }).Otherwise(() =>
        {
            RuleFor(x => x.Column).NotEmpty().WithMessage("Required: the numeric column to test.");
            RuleFor(x => x.Columns).Null()
                .WithMessage("\"columns\" is for a paired t-test (with \"paired\": true); use \"column\".");
        });

        When(x => x.Paired != true && x.GroupBy is not null, () =>
        {
            RuleFor(x => x.Mu).Null().WithMessage("A two-sample t-test does not take \"mu\".");
            RuleFor(x => x.Groups).Cascade(CascadeMode.Stop)
                .Must(g => g is null || g.Count == 2).WithMessage("Must name exactly two levels: [first, second].")
                .Must(DistinctNames).WithMessage("The two levels must differ.");
        });

        When(x => x.Paired != true && x.GroupBy is null, () =>
        {
            RuleFor(x => x.Groups).Null().WithMessage("\"groups\" needs \"groupBy\".");
            RuleFor(x => x.EqualVariance).Null()
                .WithMessage("\"equalVariance\" is for a two-sample t-test (with \"groupBy\").");
        });
    }

    private static bool DistinctNames(List<string>? names) =>
        names is null || names.Distinct(StringComparer.Ordinal).Count() == names.Count;

    private static IEnumerable<(string Field, bool Present)> PresentFields(AnalysisSpecDto d)
    {
        yield return ("columns", d.Columns is not null);
        yield return ("column", d.Column is not null);
        yield return ("groupBy", d.GroupBy is not null);
        yield return ("groups", d.Groups is not null);
        yield return ("equalVariance", d.EqualVariance is not null);
        yield return ("mu", d.Mu is not null);
        yield return ("paired", d.Paired is not null);
        yield return ("method", d.Method is not null);
        yield return ("dependent", d.Dependent is not null);
        yield return ("independents", d.Independents is not null);
        yield return ("correction", d.Correction is not null);
        yield return ("confidenceLevel", d.ConfidenceLevel is not null);
        yield return ("exact", d.Exact is not null);
        yield return ("center", d.Center is not null);
    }
}
