namespace Analysis.Application.Abstractions;

/// <summary>A use case that reads. The controller depends on this interface; no mediator in between.</summary>
public interface IQueryHandler<in TQuery, TResult>
{
    Task<TResult> HandleAsync(TQuery query, CancellationToken cancellationToken);
}
