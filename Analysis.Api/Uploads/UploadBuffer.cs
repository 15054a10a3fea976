using Analysis.Domain.Sessions;

namespace Analysis.Api.Uploads;

/// <summary>
/// Copies an upload into a seekable buffer (memory while small, a temporary file beyond that) and stops with
/// a 413 as soon as it passes its limit, so an oversized body is never held whole. A temporary folder with no room
/// left is the service's problem, not the request's: <see cref="StorageFullException"/> (503), never a 400.
/// </summary>
public static class UploadBuffer
{
    /// <summary>
    /// Buffers up to this size stay in memory; larger ones are temporary files (the page cache serves them back
    /// about as fast). Small enough to need no share of the memory budget, so an upload waiting for room to be
    /// parsed holds none (ADR-0010).
    /// </summary>
    public const int MemoryThreshold = 1024 * 1024;
    private const int CopyBufferSize = 1 << 16;

    /// <summary>
    /// Copies <paramref name="source"/> up to <paramref name="limit"/> bytes (413 naming <paramref name="what"/>
    /// beyond). <paramref name="expectedBytes"/> is the size announced for the upload (Content-Length), when known:
    /// a large one goes straight to a file instead of growing a memory buffer first. With <paramref name="utf8"/>, the
    /// bytes are checked to be UTF-8 as they pass (a 400 naming the field and the byte otherwise).
    /// </summary>
    public static async Task<Stream> CopyAsync(
        Stream source, long limit, string what, CancellationToken cancellationToken, long? expectedBytes = null, Utf8Validator? utf8 = null)
    {
        try
        {
            return await CopyToBufferAsync(source, limit, what, expectedBytes, utf8, cancellationToken);
        }
        catch (IOException ex) when (StorageSpace.IsNoSpaceLeft(ex))
        {
            throw NoRoom(ex);
        }
    }

    /// <summary>What an ENOSPC while an upload is written to its temporary file means to the caller.</summary>
    public static StorageFullException NoRoom(IOException exception) => new(StorageArea.TemporaryFolder, exception);

    private static async Task<Stream> CopyToBufferAsync(
        Stream source, long limit, string what, long? expectedBytes, Utf8Validator? utf8, CancellationToken cancellationToken)
    {
        Stream target = expectedBytes > MemoryThreshold ? CreateTempFile() : new MemoryStream();
        try
        {
            var buffer = new byte[CopyBufferSize];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    throw new PayloadTooLargeException($"The {what} is larger than the limit of {limit} bytes.");
                }

                if (target is MemoryStream memory && total > MemoryThreshold)
                {
                    target = await SpillToFileAsync(memory, cancellationToken);
                }

                utf8?.Append(buffer.AsSpan(0, read));
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            utf8?.Complete();
            target.Position = 0;
            return target;
        }
        catch
        {
            try
            {
                await target.DisposeAsync();
            }
            catch (IOException)
            {
                // A full disk again, flushing bytes that are thrown away: the file is closed and deleted all the same.
            }

            throw;
        }
    }

    /// <summary>An empty buffer for about <paramref name="expectedBytes"/>: memory when small, a temporary file when not.</summary>
    public static Stream CreateTarget(long expectedBytes) =>
        expectedBytes > MemoryThreshold ? CreateTempFile() : new MemoryStream((int)Math.Max(0, expectedBytes));

    /// <summary>The temporary files' names (they hold users' data; see <see cref="UploadLeftovers"/>).</summary>
    public const string TempFilePattern = "analysis-upload-*.csv";

    // FileShare.None also takes an exclusive advisory lock on Unix: how a later start tells a live upload from
    // one a killed process left behind.
    private static FileStream CreateTempFile() =>
        new(Path.Combine(Path.GetTempPath(), $"analysis-upload-{Guid.NewGuid():N}.csv"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, CopyBufferSize,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    private static async Task<Stream> SpillToFileAsync(MemoryStream memory, CancellationToken cancellationToken)
    {
        var file = CreateTempFile();
        memory.Position = 0;
        await memory.CopyToAsync(file, cancellationToken);
        await memory.DisposeAsync();
        return file;
    }
}
