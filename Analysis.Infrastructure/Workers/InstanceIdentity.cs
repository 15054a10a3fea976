using System.Security.Cryptography;
using System.Text;
using Analysis.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Analysis.Infrastructure.Workers;

/// <summary>
/// Who this process is across restarts: <c>{machine}/{slot}</c>, where the slot is the first of this machine's
/// lock files for this database that no live process holds (the lock is held for the process's lifetime and
/// released by the system when it dies, however it dies). Sessions still leased to the same identity when a
/// process starts were leased by its previous life, which is known dead: they are claimable at once instead of
/// after their lease. Host names must be unique among the machines (or containers) sharing a database, as they
/// are by default on Docker and Kubernetes.
/// </summary>
public sealed class InstanceIdentity : IDisposable
{
    private const int MaxSlots = 256;

    private readonly FileStream _lock;

    public InstanceIdentity(IConfiguration configuration, ILogger<InstanceIdentity> logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var database = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? DatabaseOptions.DefaultSqliteConnectionString;
        var folder = Path.Combine(Path.GetTempPath(), "analysis-instances", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(database)))[..16]);
        Directory.CreateDirectory(folder);
        for (var slot = 0; slot < MaxSlots; slot++)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Unix: held while this process lives.
                _lock = new FileStream(Path.Combine(folder, $"slot-{slot}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                Name = $"{Environment.MachineName}/{slot}";
                Life = $"{Name}/{Guid.NewGuid().ToString("N")[..8]}";
                logger.LogInformation("This process is instance {Instance} (life {Life})", Name, Life);
                return;
            }
            catch (IOException)
            {
                // Another live process on this machine holds this slot.
            }
        }

        throw new InvalidOperationException($"More than {MaxSlots} processes on this machine use this database.");
    }

    /// <summary>This machine and slot: the same for every life of the process that holds the slot.</summary>
    public string Name { get; }

    /// <summary>This life of the instance: the prefix of its workers' lease holders.</summary>
    public string Life { get; }

    /// <summary>The prefix every life of this instance gives its lease holders.</summary>
    public string LeasePrefix => Name + "/";

    public void Dispose() => _lock.Dispose();
}
