using System.Diagnostics;
using Analysis.Application.Common;

namespace Analysis.Tests.Api;

/// <summary>
/// A small tmpfs of a test's own, to fill up for real (Linux, as root or with CAP_SYS_ADMIN); where mounting is not
/// allowed the test is ignored, saying why (the fault-injection tests cover the same answers). Unmounted on dispose.
/// </summary>
public sealed class Tmpfs : IDisposable
{
    private const string FillerName = "filler";

    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    public static Tmpfs MountOrIgnore(int megabytes)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("tmpfs is Linux's: the fault-injection tests cover a full disk here.");
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"analysis-tmpfs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0777", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            Assert.Ignore($"Cannot mount a tmpfs here ({output.Trim()}): the fault-injection tests cover a full disk.");
        }

        return new Tmpfs(path);
    }

    /// <summary>Bytes free on it now.</summary>
    public long FreeBytes => StorageSpace.FreeBytes(Path) ?? throw new InvalidOperationException("statvfs failed");

    /// <summary>Fills it to the last byte with a file of its own (what some other program on the disk would do).</summary>
    public void Fill()
    {
        using var file = new FileStream(System.IO.Path.Combine(Path, FillerName), FileMode.Append, FileAccess.Write, FileShare.None, 0);
        var chunk = new byte[1 << 20];
        foreach (var size in new[] { 1 << 20, 1 << 12, 1 })
        {
            try
            {
                while (true)
                {
                    file.Write(chunk, 0, size);
                }
            }
            catch (IOException full) when (StorageSpace.IsNoSpaceLeft(full))
            {
                // Full at this size: the next, smaller one fills what is left.
            }
        }
    }

    /// <summary>Makes room again: the filler goes.</summary>
    public void Free() => File.Delete(System.IO.Path.Combine(Path, FillerName));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (Run("umount", Path).Code == 0)
            {
                Directory.Delete(Path);
                return;
            }

            Thread.Sleep(250); // a file still open by a host that is stopping
        }

        Run("umount", "-l", Path); // detached now, freed when the last file on it is closed
    }

    private static (int Code, string Output) Run(string program, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            return (-1, missing.Message);
        }
    }
}
