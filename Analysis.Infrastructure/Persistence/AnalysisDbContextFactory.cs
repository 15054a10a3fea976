namespace Analysis.Infrastructure.Persistence;

/// <summary>
/// The provider's pooled context factory seen as one for <see cref="AnalysisDbContext"/>, so that code reading
/// the database needs not know which provider's subclass (and migrations) is in use.
/// </summary>
internal sealed class AnalysisDbContextFactory<TContext>(IDbContextFactory<TContext> provider) : IDbContextFactory<AnalysisDbContext>
    where TContext : AnalysisDbContext
{
    public AnalysisDbContext CreateDbContext() => provider.CreateDbContext();
}
