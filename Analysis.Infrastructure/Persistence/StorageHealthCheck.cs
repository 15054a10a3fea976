using Analysis.Application.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// Ready = room on the disks the service writes to: no write failed for want of room in the last minute (unless one
/// has succeeded since), at least <c>Analysis:MinFreeDiskBytes</c> free on the database's disk (SQLite) and the
/// temporary folder's, and the database's reserve kept (a probe that finds room for it writes it again).
/// </summary>
public sealed class StorageHealthCheck(StorageSpace space, DatabaseReserve reserve) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var held = await reserve.EnsureAsync(cancellationToken);
        var problems = space.Problems().ToList();
        if (!held)
        {
            problems.Add($"The database's disk is full: its reserve for deletes ({reserve.Path}) is released, and creates are " +
                         "refused until there is room for it again.");
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy("Room on the database's disk and in the temporary folder.")
            : HealthCheckResult.Unhealthy(string.Join(" ", problems));
    }
}
