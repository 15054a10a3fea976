using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Analysis.Infrastructure.Changes;

/// <summary>
/// A process's life as a PostgreSQL session-level advisory lock, held by its listening connection: the server drops
/// it the moment that connection closes — however the process ended, a kill -9 included — so any other process can
/// tell a dead life from a live one by reading <c>pg_locks</c>, without waiting out a lease (ADR-0018).
/// </summary>
public static class LifeLock
{
    /// <summary>The lock's 64-bit key: a hash of the life, the same in every process.</summary>
    public static long KeyOf(string life) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("analysis-life:" + life)), 0);

    /// <summary>Takes the life's lock on <paramref name="connection"/>; false while another connection holds it.</summary>
    public static async Task<bool> TryTakeAsync(NpgsqlConnection connection, string life, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = KeyOf(life) } } };
        return await take.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>The advisory locks held now in this database, as 64-bit keys (a bigint key is split into classid and objid).</summary>
    public const string HeldKeysSql = """
        SELECT (classid::bigint << 32) | objid::bigint AS "Value" FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 1
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        """;
}
