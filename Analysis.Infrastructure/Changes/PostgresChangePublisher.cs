using System.Globalization;
using Analysis.Infrastructure.Workers;

namespace Analysis.Infrastructure.Changes;

/// <summary>
/// PostgreSQL: every change is a <c>NOTIFY analysis_sessions</c> inside its transaction, delivered at commit to
/// every process that subscribes (<see cref="PostgresChangeSubscriber"/>). The payload is
/// <c>{session id}:{version}:{1 when there is work to claim, else 0}:{the publishing process's life}</c>, where version 0
/// (which no session has) says the session was deleted: the payload of every version of this service, so that processes
/// of two versions, side by side during a deploy, hear each other.
/// </summary>
public sealed class PostgresChangePublisher(InstanceIdentity instance) : ICrossProcessPublisher
{
    private const int DeletedVersion = 0;

    public const string Channel = "analysis_sessions";

    public bool IsCrossProcess => true;

    public async Task PublishAsync(DbContext db, IEnumerable<SessionChanged> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            await NotifyAsync(db, Payload(change.SessionId, change.Version, change.Claimable), cancellationToken);
        }
    }

    public Task PublishDeletedAsync(DbContext db, Guid sessionId, CancellationToken cancellationToken) =>
        NotifyAsync(db, Payload(sessionId, DeletedVersion, claimable: false), cancellationToken);

    /// <summary>Reads a payload; false when it is not one of ours. <paramref name="version"/> is null for a deletion.</summary>
    public static bool TryParse(string payload, out Guid sessionId, out int? version, out bool claimable, out string origin)
    {
        var parts = (payload ?? string.Empty).Split(':', 4);
        sessionId = default;
        version = null;
        claimable = false;
        origin = string.Empty;
        if (parts.Length != 4 || !Guid.TryParseExact(parts[0], "N", out sessionId))
        {
            return false;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        version = number == DeletedVersion ? null : number;

        claimable = parts[2] == "1";
        origin = parts[3];
        return true;
    }

    private string Payload(Guid sessionId, int version, bool claimable) =>
        string.Create(CultureInfo.InvariantCulture, $"{sessionId:N}:{version}:{(claimable ? 1 : 0)}:{instance.Life}");

    private static async Task NotifyAsync(DbContext db, string payload, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", cancellationToken);
}
