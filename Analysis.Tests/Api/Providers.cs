namespace Analysis.Tests.Api;

/// <summary>The databases the API tests run on: fixtures marked with both run twice (PostgreSQL when a server is configured).</summary>
public static class Providers
{
    public const string Sqlite = "Sqlite";

    public const string Postgres = "Postgres";
}
