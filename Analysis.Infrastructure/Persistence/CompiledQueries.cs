using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// Queries on hot paths, compiled once per model so EF does not translate them on every call. A compiled query is
/// bound to the model it first ran with, and each provider (SQLite, PostgreSQL) has its own model: one process that
/// opens both (the tests do) gets one compiled query per model.
/// </summary>
internal static class CompiledQueries
{
    private static readonly ConditionalWeakTable<IModel, Func<AnalysisDbContext, Guid, string, CancellationToken, Task<AnalysisSession?>>> OwnedById = [];

    /// <summary>
    /// The owner's session by primary key, without tracking (and without its results or dataset, in other tables);
    /// another owner's is not found.
    /// </summary>
    public static Task<AnalysisSession?> OwnedSessionById(AnalysisDbContext context, Guid id, string owner, CancellationToken cancellationToken) =>
        OwnedById.GetValue(context.Model, static _ => EF.CompileAsyncQuery((AnalysisDbContext c, Guid i, string o, CancellationToken _) =>
            c.Sessions.AsNoTracking().FirstOrDefault(s => s.Id == i && s.Owner == o)))(context, id, owner, cancellationToken);
}
