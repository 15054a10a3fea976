using System.Security.Cryptography;
using Analysis.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;

namespace Analysis.Api.Authentication;

/// <summary>
/// On a development machine with no keys configured: one random key for <see cref="AuthOptions.AnonymousOwner"/>,
/// made on the first run and kept in the data folder (<c>Auth:DevelopmentKeyFile</c>; readable by its user only) so it survives
/// restarts and the web app's saved link keeps working. <see cref="DevelopmentKeyNotice"/> announces it.
/// </summary>
/// <remarks>
/// It reads <c>Auth:DevelopmentKeyFile</c> from the configuration itself: it is what completes
/// <see cref="AuthOptions"/>, so it cannot depend on them.
/// </remarks>
public sealed class DevelopmentKey(IOptions<DatabaseOptions> database, IConfiguration configuration)
{
    private const string FileName = "api-key";

    private readonly Lazy<string> _key = new(() => LoadOrCreate(PathOf(database.Value, configuration)));

    public string Value => _key.Value;

    public string FilePath => Path.GetFullPath(PathOf(database.Value, configuration));

    private static string PathOf(DatabaseOptions database, IConfiguration configuration)
    {
        if (configuration[$"{AuthOptions.SectionName}:{nameof(AuthOptions.DevelopmentKeyFile)}"] is { Length: > 0 } configured)
        {
            return configured;
        }

        var dataSource = database.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnectionStringBuilder(
                configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? DatabaseOptions.DefaultSqliteConnectionString).DataSource
            : null;
        var folder = dataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal)
            ? Path.GetDirectoryName(Path.GetFullPath(file))!
            : "data";
        return Path.Combine(folder, FileName);
    }

    private static string LoadOrCreate(string path)
    {
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= AuthOptions.ApiKeyEntry.MinKeyLength } existing)
        {
            return existing;
        }

        var key = "ak_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, file))
        {
            writer.WriteLine(key);
        }

        return key;
    }
}
