using System.Text.RegularExpressions;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary>
/// Every link between the repository's own Markdown pages (README.md, docs/, rules/docs/, the samples' READMEs)
/// resolves: the file exists, and a <c>#fragment</c> names a heading of that page (GitHub's anchor for it) or an
/// <c>&lt;a id&gt;</c> in it. A new-user trial followed <c>[below](#adding-an-entry)</c> to nowhere.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    private static IEnumerable<string> Pages() =>
        new[] { "README.md" }
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md"))
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "rules", "docs"), "*.md"))
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "samples"), "README.md", SearchOption.AllDirectories))
            .Select(p => Path.GetRelativePath(RepositoryPaths.Root, Path.Combine(RepositoryPaths.Root, p)).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(Pages))]
    public void EveryLinkToAPageOfTheRepository_Resolves(string page)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, page));
        var broken = new List<string>();
        foreach (Match link in Link().Matches(MarkdownAnchors.WithoutCodeBlocks(text)))
        {
            var target = link.Groups["target"].Value;
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal))
                continue;
            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var file = hash < 0 ? target : target[..hash];
            var fragment = hash < 0 ? null : target[(hash + 1)..];
            var targetPage = file.Length == 0 ? page : Path.GetRelativePath(RepositoryPaths.Root, Path.GetFullPath(Path.Combine(RepositoryPaths.Root, Path.GetDirectoryName(page)!, file))).Replace('\\', '/');
            var full = Path.Combine(RepositoryPaths.Root, targetPage);
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                broken.Add($"{target}: no file {targetPage}");
                continue;
            }

            if (fragment is null || !targetPage.EndsWith(".md", StringComparison.Ordinal))
                continue;
            if (!MarkdownAnchors.Of(File.ReadAllText(full)).Contains(fragment))
                broken.Add($"{target}: no heading or anchor '{fragment}' in {targetPage}");
        }

        Assert.That(broken, Is.Empty);
    }

    [TestCase("Adding an entry: `ledger add`", "adding-an-entry-ledger-add")]
    [TestCase("Rules — and their options", "rules--and-their-options")]
    [TestCase("What the hook does not refuse today", "what-the-hook-does-not-refuse-today")]
    public void GitHubAnchor(string heading, string anchor) => Assert.That(MarkdownAnchors.Slug(heading), Is.EqualTo(anchor));

    [GeneratedRegex(@"(?<!!)\[[^\]\n]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();
}
