using Analysis.Application.Abstractions;

namespace Analysis.Application.Sessions.Queries.GetSessionStatus;

/// <summary>
/// Holds a long poll until a session moves past a known version, without blocking a thread: a subscription
/// completes a task, a timer ends the wait. Thousands of waits cost a subscription and a timer each.
/// </summary>
public sealed class SessionChangeWaiter(ISessionChangeNotifier notifier, SessionVersionMap versions)
{
    /// <summary>
    /// True as soon as the session is past <paramref name="knownVersion"/> (or deleted); false when
    /// <paramref name="timeout"/> passes first. <paramref name="readCurrent"/> reads the version from the database
    /// when this process has no record of it, so a change made elsewhere is never answered as "unchanged".
    /// </summary>
    public async Task<bool> WaitForChangeAsync(
        Guid sessionId,
        int knownVersion,
        TimeSpan timeout,
        Func<CancellationToken, Task<SessionVersion?>> readCurrent,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readCurrent);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = notifier.Subscribe(sessionId, v =>
        {
            if (IsPast(v, knownVersion))
            {
                changed.TrySetResult();
            }
        });

        // Subscribed first, then checked: a change between the caller's read and the subscription is not missed.
        if (await IsPastAsync(sessionId, knownVersion, readCurrent, cancellationToken))
        {
            return true;
        }

        try
        {
            await changed.Task.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return await IsPastAsync(sessionId, knownVersion, readCurrent, cancellationToken);
        }
    }

    private async Task<bool> IsPastAsync(
        Guid sessionId, int knownVersion, Func<CancellationToken, Task<SessionVersion?>> readCurrent, CancellationToken cancellationToken)
    {
        if (versions.TryGet(sessionId, out var current))
        {
            return IsPast(current, knownVersion);
        }

        return await readCurrent(cancellationToken) is not { } read || IsPast(read, knownVersion);
    }

    private static bool IsPast(SessionVersion version, int knownVersion) => version.IsDeleted || version.Version > knownVersion;
}
