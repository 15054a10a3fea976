using System.Globalization;
using Analysis.Domain.Sessions;
using Analysis.Infrastructure.Workers;
using Microsoft.EntityFrameworkCore;

namespace Analysis.Infrastructure.Notifications;

/// <summary>
/// PostgreSQL: every change is a <c>NOTIFY analysis_sessions</c> inside its transaction, delivered at commit to
/// every process that listens (<see cref="PostgresChangeListener"/>). The payload is
/// <c>{session id}:{version}:{1 when there is work to claim, else 0}:{the announcing process's life}</c>; a
/// deletion is version 0.
/// </summary>
public sealed class PostgresChangeFeed(InstanceIdentity instance) : IChangeFeed
{
    public const string Channel = "analysis_sessions";

    public bool IsCrossProcess => true;

    public async Task AnnounceAsync(DbContext db, IEnumerable<SessionChanged> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            await NotifyAsync(db, Payload(change.SessionId, change.Version, change.Claimable), cancellationToken);
        }
    }

    public Task AnnounceDeletedAsync(DbContext db, Guid sessionId, CancellationToken cancellationToken) =>
        NotifyAsync(db, Payload(sessionId, 0, claimable: false), cancellationToken);

    /// <summary>Reads a payload; false when it is not one of ours.</summary>
    public static bool TryParse(string payload, out Guid sessionId, out int version, out bool claimable, out string origin)
    {
        var parts = (payload ?? string.Empty).Split(':', 4);
        sessionId = default;
        version = 0;
        claimable = false;
        origin = string.Empty;
        if (parts.Length != 4 || !Guid.TryParseExact(parts[0], "N", out sessionId) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out version))
        {
            return false;
        }

        claimable = parts[2] == "1";
        origin = parts[3];
        return true;
    }

    private string Payload(Guid sessionId, int version, bool claimable) =>
        string.Create(CultureInfo.InvariantCulture, $"{sessionId:N}:{version}:{(claimable ? 1 : 0)}:{instance.Life}");

    private static async Task NotifyAsync(DbContext db, string payload, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", cancellationToken);
}
