using Analysis.Domain.Common;

namespace Analysis.Domain.Sessions.Rules;

public sealed class ProgressMustStayWithinPlanRule(int completed, int total) : IBusinessRule
{
    public bool IsBroken() => completed < 0 || completed > total;

    public string Message => $"Progress {completed} is outside the plan of {total} analyses.";
}
