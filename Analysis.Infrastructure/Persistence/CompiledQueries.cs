using Analysis.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Analysis.Infrastructure.Persistence;

/// <summary>Queries on hot paths, compiled once so EF does not translate them on every call.</summary>
internal static class CompiledQueries
{
    /// <summary>A session by primary key, without tracking (and without its results or dataset, in other tables).</summary>
    public static readonly Func<AnalysisDbContext, Guid, CancellationToken, Task<AnalysisSession?>> SessionById =
        EF.CompileAsyncQuery((AnalysisDbContext context, Guid id, CancellationToken _) =>
            context.Sessions.AsNoTracking().FirstOrDefault(s => s.Id == id));
}
