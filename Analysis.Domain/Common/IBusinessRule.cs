namespace Analysis.Domain.Common;

/// <summary>An invariant of an aggregate, named so that tests and logs can say which one broke.</summary>
public interface IBusinessRule
{
    bool IsBroken();

    string Message { get; }
}
