namespace Analysis.Domain.Common;

/// <summary>An illegal transition or other broken invariant; <see cref="BrokenRule"/> names which.</summary>
public sealed class BusinessRuleValidationException : DomainException
{
    public BusinessRuleValidationException(IBusinessRule brokenRule)
        : base(brokenRule.Message)
    {
        BrokenRule = brokenRule;
    }

    public IBusinessRule BrokenRule { get; }
}
