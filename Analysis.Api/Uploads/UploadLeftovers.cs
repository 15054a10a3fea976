namespace Analysis.Api.Uploads;

/// <summary>
/// At start, deletes the temporary upload files a killed process left behind: they hold users' data, and a
/// process that dies by kill -9 never runs the delete-on-close. A file a live process (this machine's other
/// instances) still uses is locked by it and left alone.
/// </summary>
public sealed class UploadLeftovers(ILogger<UploadLeftovers> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(Path.GetTempPath(), UploadBuffer.TempFilePattern))
        {
            try
            {
                // Opening it exclusively succeeds only when no process holds it; closing deletes it.
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose))
                {
                }

                removed++;
            }
            catch (IOException)
            {
                // In use by a live upload (or gone already).
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's file.
            }
        }

        if (removed > 0)
        {
            logger.LogWarning("Removed {Count} upload files left in {Folder} by a process that did not end cleanly", removed, Path.GetTempPath());
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
