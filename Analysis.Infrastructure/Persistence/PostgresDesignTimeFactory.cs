using Microsoft.EntityFrameworkCore.Design;

namespace Analysis.Infrastructure.Persistence;

/// <summary>For <c>dotnet ef migrations add ... --context PostgresAnalysisDbContext</c>; no server is contacted.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAnalysisDbContext>
{
    public PostgresAnalysisDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAnalysisDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=analysis_design")
            .Options);
}
