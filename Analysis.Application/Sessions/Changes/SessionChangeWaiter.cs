namespace Analysis.Application.Sessions.Changes;

/// <summary>
/// Holds a long poll until a session moves past a known version, without blocking a thread: a subscription
/// completes a task, a timer ends the wait. Thousands of waits cost a subscription and a timer each. A database that
/// cannot be reached while the wait goes on is waited out: the read is tried again every second until the wait ends.
/// </summary>
public sealed class SessionChangeWaiter(ISessionChanges changes, CurrentVersions versions)
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
        using var signal = new SemaphoreSlim(0, 1);
        var past = false;
        var recheck = false;
        void Wake()
        {
            if (signal.CurrentCount == 0)
            {
                try
                {
                    signal.Release();
                }
                catch (SemaphoreFullException)
                {
                    // A wake-up is already due.
                }
            }
        }

        using var subscription = changes.Subscribe(
            sessionId,
            onChange: version =>
            {
                if (version.IsPast(knownVersion))
                {
                    Volatile.Write(ref past, true);
                    Wake();
                }
            },
            onMissed: () =>
            {
                Volatile.Write(ref recheck, true);
                Wake();
            });

        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var retryAt = long.MaxValue; // when a read the database could not answer is tried again

        // Subscribed first, then checked: a change between the caller's read and the subscription is not missed.
        try
        {
            if (await IsPastAsync(sessionId, knownVersion, readCurrent, cancellationToken))
            {
                return true;
            }
        }
        catch (StorageBusyException)
        {
            retryAt = Environment.TickCount64 + RetryMilliseconds;
        }

        while (true)
        {
            var now = Environment.TickCount64;
            var left = deadline - now;
            if (left <= 0)
            {
                // Time is up: one last look, in case a change was made where this process could not hear it (a
                // database still away now is the caller's 503: the outage outlasted the wait).
                return await IsPastAsync(sessionId, knownVersion, readCurrent, cancellationToken);
            }

            var woken = await signal.WaitAsync(TimeSpan.FromMilliseconds(Math.Clamp(retryAt - now, 0, left)), cancellationToken);
            if (Volatile.Read(ref past))
            {
                return true;
            }

            // Changes may have gone unheard, or the last look failed: look in the database, and wait on if nothing changed.
            if ((woken && Interlocked.Exchange(ref recheck, false)) || Environment.TickCount64 >= retryAt)
            {
                retryAt = long.MaxValue;
                try
                {
                    if (await readCurrent(cancellationToken) is not { } read || read.IsPast(knownVersion))
                    {
                        return true;
                    }
                }
                catch (StorageBusyException)
                {
                    retryAt = Environment.TickCount64 + RetryMilliseconds;
                }
            }
        }
    }

    /// <summary>How often a wait tries the database again while it cannot be reached.</summary>
    private const long RetryMilliseconds = 1000;

    private async Task<bool> IsPastAsync(
        Guid sessionId, int knownVersion, Func<CancellationToken, Task<SessionVersion?>> readCurrent, CancellationToken cancellationToken)
    {
        if (versions.TryGet(sessionId, out var latest))
        {
            return latest.IsPast(knownVersion);
        }

        return await readCurrent(cancellationToken) is not { } read || read.IsPast(knownVersion);
    }
}
