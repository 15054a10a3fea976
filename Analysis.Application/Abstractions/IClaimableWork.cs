namespace Analysis.Application.Abstractions;

/// <summary>
/// Work for the workers of this process: a change that leaves a session to claim is published here, and idle
/// workers wait on it (they also look on their own at intervals, for work other processes leave).
/// </summary>
public interface IClaimableWork
{
    void Publish();

    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
