using Analysis.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Analysis.Infrastructure.Persistence;

/// <summary>Queries on hot paths, compiled once so EF does not translate them on every call.</summary>
internal static class CompiledQueries
{
    /// <summary>
    /// The owner's session by primary key, without tracking (and without its results or dataset, in other tables);
    /// another owner's is not found.
    /// </summary>
    public static readonly Func<AnalysisDbContext, Guid, string, CancellationToken, Task<AnalysisSession?>> OwnedSessionById =
        EF.CompileAsyncQuery((AnalysisDbContext context, Guid id, string owner, CancellationToken _) =>
            context.Sessions.AsNoTracking().FirstOrDefault(s => s.Id == id && s.Owner == owner));
}
