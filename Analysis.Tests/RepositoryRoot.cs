namespace Analysis.Tests;

/// <summary>The repository's root (the folder of Analysis.sln), for tests that read its files: docs, tools, the built web app.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>A path under the root, e.g. <c>Of("docs", "openapi.json")</c>.</summary>
    public static string Of(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        var folder = TestContext.CurrentContext.TestDirectory;
        while (!File.Exists(System.IO.Path.Combine(folder, "Analysis.sln")))
        {
            folder = System.IO.Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("Analysis.sln not found above the test directory.");
        }

        return folder;
    }
}
