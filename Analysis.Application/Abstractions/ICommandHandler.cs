namespace Analysis.Application.Abstractions;

/// <summary>A use case that changes state.</summary>
public interface ICommandHandler<in TCommand, TResult>
{
    Task<TResult> HandleAsync(TCommand command, CancellationToken cancellationToken);
}
