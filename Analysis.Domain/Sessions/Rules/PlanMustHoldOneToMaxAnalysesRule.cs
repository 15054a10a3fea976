using Analysis.Domain.Common;

namespace Analysis.Domain.Sessions.Rules;

public sealed class PlanMustHoldOneToMaxAnalysesRule(int count) : IBusinessRule
{
    public const int MaxAnalyses = 100;

    public bool IsBroken() => count is < 1 or > MaxAnalyses;

    public string Message => $"A plan holds 1 to {MaxAnalyses} analyses, not {count}.";
}
