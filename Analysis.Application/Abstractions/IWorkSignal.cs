namespace Analysis.Application.Abstractions;

/// <summary>Wakes the workers of this process: there may be a session to claim.</summary>
public interface IWorkSignal
{
    void Notify();

    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
