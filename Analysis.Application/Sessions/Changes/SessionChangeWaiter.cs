namespace Analysis.Application.Sessions.Changes;

/// <summary>
/// Holds a long poll until a session moves past a known version, without blocking a thread: a subscription
/// completes a task, a timer ends the wait. Thousands of waits cost a subscription and a timer each.
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

        // Subscribed first, then checked: a change between the caller's read and the subscription is not missed.
        if (await IsPastAsync(sessionId, knownVersion, readCurrent, cancellationToken))
        {
            return true;
        }

        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            var left = deadline - Environment.TickCount64;
            if (left <= 0 || !await signal.WaitAsync(TimeSpan.FromMilliseconds(left), cancellationToken))
            {
                // Time is up: one last look, in case a change was made where this process could not hear it.
                return await IsPastAsync(sessionId, knownVersion, readCurrent, cancellationToken);
            }

            if (Volatile.Read(ref past))
            {
                return true;
            }

            // Changes may have gone unheard: look in the database, and wait on if nothing changed.
            if (Interlocked.Exchange(ref recheck, false) &&
                await readCurrent(cancellationToken) is var read && (read is null || read.Value.IsPast(knownVersion)))
            {
                return true;
            }
        }
    }

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
