using Analysis.Tests.Postgres;

namespace Analysis.Tests.Api;

/// <summary>
/// A fixture that runs on both databases: declare it <c>[TestFixture(Providers.Sqlite)]</c> and
/// <c>[TestFixture(Providers.Postgres)]</c>; every <see cref="ApiFactory"/> it makes uses that provider. Without a
/// PostgreSQL server (<see cref="PostgresServer"/>) the PostgreSQL instance is skipped, saying why.
/// </summary>
public abstract class BothDatabases(string provider)
{
    protected string Provider { get; } = provider;

    [OneTimeSetUp]
    public void UseProvider()
    {
        if (Provider == Providers.Postgres && PostgresServer.ConnectionString is null)
        {
            Assert.Ignore($"PostgreSQL tests need a server: set {PostgresServer.Variable} to a connection string (.ci/run starts one).");
        }

        ApiFactory.DefaultProvider = Provider;
    }

    [OneTimeTearDown]
    public void ForgetProvider() => ApiFactory.DefaultProvider = Providers.Sqlite;
}
