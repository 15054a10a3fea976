using System.Text.RegularExpressions;

namespace Analysis.Tests;

/// <summary>
/// The documentation stands on its own and matches the code: every file the architecture page names exists (it
/// names them from the repository's root), every relative link in the README and docs/ leads to a file in the
/// repository, and no file points at the folder this repository was briefed from.
/// </summary>
public sealed partial class DocumentationTests
{
    private static readonly string[] FileEndings = [".cs", ".ts", ".tsx", ".md", ".json", ".config", ".py", ".csproj", ".props", ".R", ".html", ".css"];

    [Test]
    public void ArchitecturePage_NamesOnlyFilesThatExist()
    {
        var page = File.ReadAllText(RepositoryRoot.Of("docs", "architecture.md"));
        var named = CodeSpans().Matches(page).Select(m => m.Groups[1].Value)
            .Select(span => span.Split(',', ' ')[0].TrimEnd('.', ':'))
            .Where(span => FileEndings.Any(e => span.EndsWith(e, StringComparison.Ordinal)) && !span.Contains('<') && !span.Contains('*'))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var everyFile = RepositoryFiles().Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);

        var missing = named.Where(path => path.Contains('/')
            ? !File.Exists(RepositoryRoot.Of([.. path.Split('/')]))
            : !everyFile.Contains(path)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(named, Has.Count.GreaterThan(60), "the walks name their files");
            Assert.That(missing, Is.Empty, "named in docs/architecture.md but not in the repository");
        });
    }

    [Test]
    public void ReadmeAndDocs_LinkOnlyToFilesInTheRepository()
    {
        var pages = new[] { RepositoryRoot.Of("README.md") }.Concat(Directory.GetFiles(RepositoryRoot.Of("docs"), "*.md", SearchOption.AllDirectories));
        var broken = new List<string>();
        foreach (var page in pages)
        {
            foreach (var link in Links().Matches(File.ReadAllText(page)).Select(m => m.Groups[1].Value))
            {
                if (link.StartsWith("http", StringComparison.Ordinal) || link.StartsWith('#') || link.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    continue;
                }

                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, link.Split('#')[0]));
                if (!target.StartsWith(RepositoryRoot.Of(), StringComparison.Ordinal) || !(File.Exists(target) || Directory.Exists(target)))
                {
                    broken.Add($"{Path.GetRelativePath(RepositoryRoot.Of(), page)}: {link}");
                }
            }
        }

        Assert.That(broken, Is.Empty);
    }

    [Test]
    public void NoFile_PointsOutsideTheRepository()
    {
        var outside = string.Concat("..", "/", "shared"); // written so that this file does not name it
        var naming = RepositoryFiles()
            .Where(f => FileEndings.Any(e => f.EndsWith(e, StringComparison.Ordinal)) || f.EndsWith(".yaml", StringComparison.Ordinal) || Path.GetFileName(f) == "run")
            .Where(f => File.ReadAllText(f).Contains(outside, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Of(), f))
            .ToList();

        Assert.That(naming, Is.Empty);
    }

    /// <summary>The repository's own files: not what builds, installs or git keep beside them.</summary>
    private static IEnumerable<string> RepositoryFiles()
    {
        var skipped = new[] { "bin", "obj", "node_modules", ".git", "webapp", "TestResults" };
        var pending = new Stack<string>([RepositoryRoot.Of()]);
        while (pending.TryPop(out var folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                yield return file;
            }

            foreach (var child in Directory.EnumerateDirectories(folder).Where(d => !skipped.Contains(Path.GetFileName(d))))
            {
                pending.Push(child);
            }
        }
    }

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex CodeSpans();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Links();
}
