using Microsoft.EntityFrameworkCore.Design;

namespace Analysis.Infrastructure.Persistence;

/// <summary>For <c>dotnet ef migrations add ... --context SqliteAnalysisDbContext</c>.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAnalysisDbContext>
{
    public SqliteAnalysisDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAnalysisDbContext>()
            .UseSqlite(DatabaseOptions.DefaultSqliteConnectionString)
            .Options);
}
