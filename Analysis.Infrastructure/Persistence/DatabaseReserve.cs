using Analysis.Application.Common;
using Microsoft.Extensions.Logging;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// Room kept on the SQLite database's disk for deletes (ADR-0019): a file of <c>Database:ReserveBytes</c> beside the
/// database (<c>analysis.db.reserve</c>), written at start. SQLite needs room to delete — the changed pages go to the
/// write-ahead log before the database takes them — so on a full disk a delete fails like any write. When one does,
/// the file is deleted and the delete tried again in the room it kept. Until the disk has room for the file again
/// (plus <c>Analysis:MinFreeDiskBytes</c>) creates are refused, so that the room goes to deletes; the file is written
/// again by the next create or readiness probe that finds the room. Nothing is kept on PostgreSQL (the server's disks
/// are its own), for an in-memory database, or with <c>Database:ReserveBytes</c> 0.
/// </summary>
public sealed class DatabaseReserve(string? path, long bytes, StorageSpace space, ILogger<DatabaseReserve> logger) : IDisposable
{
    /// <summary>What the file's name adds to the database's.</summary>
    public const string Suffix = ".reserve";

    private const int ChunkBytes = 1 << 20;

    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly Lock _lock = new();
    private bool _held;
    private bool _released;

    /// <summary>The file, or null when nothing is kept.</summary>
    public string? Path { get; } = bytes > 0 ? path : null;

    public long Bytes { get; } = bytes;

    /// <summary>Whether the room is kept now (always, when nothing is to be kept).</summary>
    public bool IsHeld
    {
        get
        {
            lock (_lock)
            {
                return Path is null || _held;
            }
        }
    }

    /// <summary>
    /// At start: takes over a file a previous run left, or writes it; a file kept under a setting now 0 is deleted.
    /// No room for it is logged as critical, and creates are refused until there is.
    /// </summary>
    public async Task PrepareAsync(string databasePath, CancellationToken cancellationToken)
    {
        if (Path is null)
        {
            TryDelete(databasePath + Suffix); // ReserveBytes set to 0 since: give its room back
            return;
        }

        if (File.Exists(Path) && new FileInfo(Path).Length == Bytes)
        {
            lock (_lock)
            {
                _held = true;
            }

            return;
        }

        if (!await EnsureAsync(cancellationToken))
        {
            logger.LogCritical(
                "No room for the database's reserve of {Bytes} bytes ({Path}): its disk is full or nearly so; creates are refused " +
                "(503) until there is room for it and Analysis:MinFreeDiskBytes more", Bytes, Path);
        }
    }

    /// <summary>
    /// True when the room is kept, writing the file again first if the disk has room for it (and
    /// <c>Analysis:MinFreeDiskBytes</c> more); false when it has not.
    /// </summary>
    public async Task<bool> EnsureAsync(CancellationToken cancellationToken)
    {
        if (IsHeld)
        {
            return true;
        }

        if (!space.HasRoom(StorageArea.Database, Bytes))
        {
            return false;
        }

        await _writing.WaitAsync(cancellationToken);
        try
        {
            if (IsHeld)
            {
                return true;
            }

            await WriteAsync(Path!, cancellationToken);
            bool wasReleased;
            lock (_lock)
            {
                _held = true;
                wasReleased = _released;
                _released = false;
            }

            if (wasReleased)
            {
                logger.LogWarning("The database's disk has room again: its reserve of {Bytes} bytes is kept again ({Path}) and creates are accepted", Bytes, Path);
            }

            return true;
        }
        catch (IOException ex) when (StorageSpace.IsNoSpaceLeft(ex))
        {
            return false; // taken by something else in between
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// A delete found the disk full: the file is deleted, so that the delete may be tried again in its room. True when
    /// a reserve is kept at all (released now or already), false when there is none to try again with.
    /// </summary>
    public bool Release()
    {
        if (Path is null)
        {
            return false;
        }

        lock (_lock)
        {
            _held = false;
            _released = true;
        }

        if (File.Exists(Path))
        {
            TryDelete(Path);
            logger.LogCritical(
                "The database's disk is full: its reserve of {Bytes} bytes ({Path}) was released so that deletes go through. " +
                "Creates are refused (503) until the disk has room for it again (docs/operations.md, \"Full disks\")", Bytes, Path);
        }

        return true;
    }

    public void Dispose() => _writing.Dispose();

    /// <summary>
    /// Written in full (random bytes, which no file system stores as a hole or compresses away), under a temporary name
    /// and then moved into place, so that a file of the right length is always a whole reserve.
    /// </summary>
    private async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var partial = path + ".new";
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
            {
                var chunk = new byte[ChunkBytes];
                for (long written = 0; written < Bytes; written += chunk.Length)
                {
                    Random.Shared.NextBytes(chunk);
                    await file.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, Bytes - written)), cancellationToken);
                }
            }

            File.Move(partial, path, overwrite: true);
        }
        catch
        {
            TryDelete(partial);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone already, or not ours: nothing to give back.
        }
    }
}
