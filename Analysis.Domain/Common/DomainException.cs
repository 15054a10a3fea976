namespace Analysis.Domain.Common;

/// <summary>Base for exceptions that the domain raises on purpose.</summary>
public abstract class DomainException : Exception
{
    protected DomainException(string message)
        : base(message)
    {
    }
}
