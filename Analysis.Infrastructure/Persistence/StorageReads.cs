using Npgsql;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// Reads for callers, made once more on a fresh connection when the pooled one turns out dead (after a database
/// restart every idle connection in the pool is, and the first request to borrow one would otherwise be a 503); a
/// database that still cannot answer is <see cref="StorageBusyException"/>, which callers wait out or answer 503.
/// Only reads: a write that failed on a broken connection may or may not have committed, and its caller decides.
/// </summary>
internal static class StorageReads
{
    public const string Unreachable = "The database cannot be reached at the moment; try again shortly.";

    public static async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read();
        }
        catch (Exception ex) when (StorageErrors.IsBrokenConnection(ex))
        {
            // The pool's other idle connections died with this one: let them all go, so the next read opens anew.
            NpgsqlConnection.ClearAllPools();
            try
            {
                return await read();
            }
            catch (Exception again) when (StorageErrors.IsBusy(again) || StorageErrors.IsBrokenConnection(again))
            {
                throw new StorageBusyException(Unreachable, again);
            }
        }
        catch (Exception ex) when (StorageErrors.IsBusy(ex))
        {
            throw new StorageBusyException(Unreachable, ex);
        }
    }
}
