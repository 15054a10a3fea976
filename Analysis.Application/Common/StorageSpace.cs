using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analysis.Application.Common;

/// <summary>
/// The room on the disks the service writes to: the database's (SQLite's folder) and the temporary folder's, where
/// uploads wait. A write that fails for want of room is reported here (<see cref="ReportFull"/>: the database's writes
/// by an EF interceptor, the uploads' by the exception handler); the operator is told in one critical log line a minute
/// per disk, not one per request, and readiness (<see cref="Problems"/>) says so while the last write there failed for
/// want of room (for a minute) or while the disk has less than <c>Analysis:MinFreeDiskBytes</c> free.
/// </summary>
public sealed class StorageSpace(
    IEnumerable<StorageFolder> folders, IOptions<AnalysisOptions> options, TimeProvider time, ILogger<StorageSpace> logger)
{
    /// <summary>How long readiness reports a write that failed for want of room, and how often the operator is told again.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromMinutes(1);

    private const int Enospc = 28; // Linux and macOS: No space left on device
    private const int WindowsDiskFull = unchecked((int)0x80070070); // ERROR_DISK_FULL
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027); // ERROR_HANDLE_DISK_FULL

    private readonly IReadOnlyList<StorageFolder> _folders = [.. folders];
    private readonly Lock _lock = new();
    private readonly Dictionary<StorageArea, Events> _events = [];

    /// <summary>The free space below which a disk is reported nearly full (<c>Analysis:MinFreeDiskBytes</c>; 0: not checked).</summary>
    public long MinFreeBytes => options.Value.MinFreeDiskBytes;

    public IReadOnlyList<StorageFolder> Folders => _folders;

    /// <summary>The folder watched for <paramref name="area"/>; null when it has none here (a PostgreSQL server's disks).</summary>
    public string? FolderOf(StorageArea area) => _folders.FirstOrDefault(f => f.Area == area)?.Path;

    /// <summary>An ENOSPC (or Windows' disk full) anywhere in the exception's chain.</summary>
    public static bool IsNoSpaceLeft(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is IOException { HResult: Enospc or WindowsDiskFull or WindowsHandleDiskFull })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The bytes free for this process on the disk that holds <paramref name="folder"/>; null when that cannot be told.</summary>
    public static long? FreeBytes(string folder)
    {
        try
        {
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether <paramref name="area"/>'s disk has <paramref name="bytes"/> free above <see cref="MinFreeBytes"/>; true when
    /// it has no folder here or its room cannot be told (the write itself will say).
    /// </summary>
    public bool HasRoom(StorageArea area, long bytes = 0) =>
        FolderOf(area) is not { } folder || FreeBytes(folder) is not { } free || free >= bytes + MinFreeBytes;

    /// <summary>
    /// A write to <paramref name="area"/> failed for want of room. Readiness reports it for <see cref="RecentWindow"/>
    /// unless a write there succeeds first; the operator is told at once, then at most once a minute.
    /// </summary>
    public void ReportFull(StorageArea area, Exception? cause = null)
    {
        var now = time.GetUtcNow();
        bool tell;
        lock (_lock)
        {
            var events = EventsOf(area);
            events.LastFull = now;
            tell = events.LastTold is not { } told || now - told >= RecentWindow;
            if (tell)
            {
                events.LastTold = now;
            }
        }

        if (tell)
        {
            var folder = FolderOf(area);
            logger.LogCritical(
                "Storage full: {Area} ({Folder}) has no room left ({FreeBytes} bytes free; {Reason}). Writes there fail, and " +
                "creates are answered 503 with Retry-After, until an operator makes room (docs/operations.md, \"Full disks\"). " +
                "Said again at most once a minute while it lasts",
                Describe(area), folder ?? "on the database server", folder is null ? null : FreeBytes(folder), cause?.GetBaseException().Message ?? "no room");
        }
    }

    /// <summary>A write to <paramref name="area"/> succeeded: an earlier failure for want of room is over.</summary>
    public void ReportWritten(StorageArea area)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (_events.TryGetValue(area, out var events) && events.LastFull is not null)
            {
                events.LastWritten = now;
            }
        }
    }

    /// <summary>Why the disks are not fit for work now, a sentence each; empty when they are.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var now = time.GetUtcNow();
        lock (_lock)
        {
            foreach (var (area, events) in _events)
            {
                if (events.LastFull is { } full && now - full < RecentWindow && !(events.LastWritten > full))
                {
                    problems.Add($"A write to {Describe(area)} failed {(now - full).TotalSeconds:0} s ago: the disk is full.");
                }
            }
        }

        if (MinFreeBytes > 0)
        {
            foreach (var folder in _folders)
            {
                if (FreeBytes(folder.Path) is { } free && free < MinFreeBytes)
                {
                    problems.Add($"The disk of {Describe(folder.Area)} ({folder.Path}) has {free} bytes free, less than " +
                                 $"Analysis:MinFreeDiskBytes ({MinFreeBytes}): the disk is nearly full.");
                }
            }
        }

        return problems;
    }

    private static string Describe(StorageArea area) => area == StorageArea.Database ? "the database" : "the temporary folder";

    private Events EventsOf(StorageArea area)
    {
        if (!_events.TryGetValue(area, out var events))
        {
            _events[area] = events = new Events();
        }

        return events;
    }

    private sealed class Events
    {
        public DateTimeOffset? LastFull { get; set; }

        public DateTimeOffset? LastWritten { get; set; }

        public DateTimeOffset? LastTold { get; set; }
    }
}
