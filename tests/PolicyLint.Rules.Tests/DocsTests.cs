using System.Text.RegularExpressions;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Rules.Tests;

/// <summary>
/// The house manual in <c>docs/</c> against the references to it (docs/style.md#comments): every
/// <c>docs/….md#anchor</c> cited in code, tests, benchmarks, samples and docs names a file that exists and an explicit
/// anchor (<c>&lt;a id="…"&gt;</c>) in it; relative links between the manual's pages resolve; and no reference is left
/// to the manual's former names, which exist in no repository (the BEHAVIOR, DOMAIN, DESIGN and STYLE files, or a bare
/// convention number).
/// </summary>
public sealed partial class DocsTests
{
    private static readonly string[] ScannedFolders = ["src", "rules", "tests", "bench", "docs", "samples", ".ci"];

    // Build output, third-party templates (tests/corpus) and the official SARIF schema are not ours to word.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "bin", "obj", ".git", "node_modules", "corpus", "schemas" };

    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
        { ".cs", ".md", ".yaml", ".yml", ".json", ".toml", ".props", ".csproj", ".sh", ".py", ".txt", ".gitattributes", "" };

    // This file's test inputs quote broken references and the former names on purpose.
    private const string ThisFile = "tests/PolicyLint.Rules.Tests/DocsTests.cs";

    /// <summary>What <see cref="Check"/> found in one file: references resolved, and problems as
    /// <c>path:line: text</c>.</summary>
    internal sealed record CheckResult(int Resolved, IReadOnlyList<string> Problems);

    [Test]
    public void EveryReferenceToTheManual_NamesAFileAndAnAnchorThatExist()
    {
        var resolved = 0;
        var problems = new List<string>();
        foreach (var path in ScannedPaths())
        {
            var result = Check(path, File.ReadAllText(RepositoryPaths.Get(path)), ReadRepositoryFile);
            resolved += result.Resolved;
            problems.AddRange(result.Problems);
        }

        TestContext.Out.WriteLine($"{resolved} references to docs/ resolved");
        Assert.That(problems, Is.Empty, string.Join("\n", problems) + "\nreferences to the manual that do not resolve, or that use its former names");
        Assert.That(resolved, Is.GreaterThan(0), "the scan found no reference at all: the scanned folders are wrong");
    }

    [Test]
    public void Check_ReportsAMissingFileAMissingAnchorAndFormerNames()
    {
        var docs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["docs/conventions.md"] = "<a id=\"c4\"></a>\n## C4. Broken files\n",
        };
        const string text = """
            /// Located at the key (docs/conventions.md#c4).
            /// Located at the key (docs/conventions.md#c40).
            /// See docs/nowhere.md and rules/docs/README.md.
            /// Per BEHAVIOR C4, DOMAIN.md, DESIGN.md "SARIF constants" and STYLE §6.
            /// Repeated keys (C4); C0 and C1 controls are escaped, as the
            /// C1
            /// controls are; caf%C3%A9.
            """;

        var result = Check("src/Example.cs", text.Replace("\r\n", "\n", StringComparison.Ordinal), p => docs.GetValueOrDefault(p));

        Assert.That(result.Resolved, Is.EqualTo(1));
        Assert.That(result.Problems, Is.EqualTo(new[]
        {
            "src/Example.cs:2: docs/conventions.md has no anchor 'c40' (<a id=\"c40\"></a>)",
            "src/Example.cs:3: docs/nowhere.md does not exist",
            "src/Example.cs:4: former reference 'BEHAVIOR C4'",
            "src/Example.cs:4: former reference 'DOMAIN.md'",
            "src/Example.cs:4: former reference 'DESIGN.md'",
            "src/Example.cs:4: former reference 'STYLE §'",
            "src/Example.cs:4: bare convention number 'C4' (write docs/conventions.md#c4)",
            "src/Example.cs:5: bare convention number 'C4' (write docs/conventions.md#c4)",
        }));
    }

    [Test]
    public void Check_ResolvesRelativeLinksInTheManual()
    {
        var docs = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["docs/conventions.md"] = "<a id=\"c6\"></a>\n## C6. Finding routes\n",
            ["docs/design/finding-routes.md"] = "# Finding routes\n",
        };
        const string text = "[conventions C6](../conventions.md#c6), [C7](../conventions.md#c7), [gone](../gone.md), [routes](finding-routes.md#finding-routes)\n";

        var result = Check("docs/design/example.md", text, p => docs.GetValueOrDefault(p));

        Assert.That(result.Resolved, Is.EqualTo(2));
        Assert.That(result.Problems, Is.EqualTo(new[]
        {
            "docs/design/example.md:1: docs/conventions.md has no anchor 'c7' (<a id=\"c7\"></a>)",
            "docs/design/example.md:1: docs/gone.md does not exist",
        }));
    }

    /// <summary>Checks one file's text. <paramref name="path"/> is root-relative with <c>/</c>;
    /// <paramref name="read"/> returns a repository file's text by root-relative path, or null when it does not
    /// exist. Repository-path references (<c>docs/x.md#a</c>) need an explicit anchor; relative links inside
    /// <c>docs/</c> may also name a heading.</summary>
    internal static CheckResult Check(string path, string text, Func<string, string?> read)
    {
        var resolved = 0;
        var problems = new List<string>();
        var lines = text.Split('\n');
        var inManual = path.StartsWith("docs/", StringComparison.Ordinal) && path.EndsWith(".md", StringComparison.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            void Problem(string message) => problems.Add($"{path}:{i + 1}: {message}");

            foreach (Match m in RepositoryReference().Matches(line))
            {
                if (Resolve(m.Groups["file"].Value, m.Groups["anchor"].Success ? m.Groups["anchor"].Value : null, headingsCount: false, read, Problem))
                    resolved++;
            }

            if (inManual)
            {
                foreach (Match m in RelativeLink().Matches(line))
                {
                    var target = Normalize(path[..(path.LastIndexOf('/') + 1)] + m.Groups["file"].Value);
                    if (target is null || !target.StartsWith("docs/", StringComparison.Ordinal))
                        continue; // links out of the manual (README, rule pages) are not the manual's references
                    if (Resolve(target, m.Groups["anchor"].Success ? m.Groups["anchor"].Value : null, headingsCount: true, read, Problem))
                        resolved++;
                }
            }

            foreach (Match m in FormerName().Matches(line))
                Problem($"former reference '{m.Value}'");
            if (inManual)
                continue; // the manual names its own conventions (headings, link text)
            foreach (Match m in BareConvention().Matches(line))
            {
                if (IsUnicodeControlTerm(lines, i, m))
                    continue;
                Problem($"bare convention number '{m.Value}' (write docs/conventions.md#c{m.Value[1..]})");
            }
        }

        return new CheckResult(resolved, problems);
    }

    private static bool Resolve(string file, string? anchor, bool headingsCount, Func<string, string?> read, Action<string> problem)
    {
        if (read(file) is not { } target)
        {
            problem($"{file} does not exist");
            return false;
        }

        if (anchor is null || MarkdownAnchors.Of(target, headingsCount).Contains(anchor))
            return true;
        problem($"{file} has no anchor '{anchor}' (<a id=\"{anchor}\"></a>)");
        return false;
    }

    // "C0 controls", "the C1 controls" (possibly across a line break) and "(ESC, C1, …)" are Unicode's names for
    // control-character ranges, not conventions.
    private static bool IsUnicodeControlTerm(string[] lines, int index, Match m)
    {
        var after = lines[index][(m.Index + m.Length)..];
        if (after.Length == 0 && index + 1 < lines.Length)
            after = lines[index + 1];
        after = after.TrimStart().TrimStart('/', '#', '*').TrimStart();
        var before = lines[index][..m.Index];
        return after.StartsWith("control", StringComparison.Ordinal)
            || after.StartsWith("and C1 control", StringComparison.Ordinal)
            || before.EndsWith("ESC, ", StringComparison.Ordinal);
    }

    private static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count == 0)
                    return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    private static string? ReadRepositoryFile(string path)
    {
        var full = RepositoryPaths.Get(path);
        return File.Exists(full) ? File.ReadAllText(full) : null;
    }

    private static IEnumerable<string> ScannedPaths()
    {
        var root = RepositoryPaths.Root;
        IEnumerable<string> Walk(string folder) =>
            Directory.EnumerateFiles(folder).Where(f => TextExtensions.Contains(Path.GetExtension(f)))
                .Concat(Directory.EnumerateDirectories(folder).Where(d => !SkippedFolders.Contains(Path.GetFileName(d))).SelectMany(Walk));

        return ScannedFolders.Select(f => Path.Combine(root, f)).Where(Directory.Exists).SelectMany(Walk)
            .Append(Path.Combine(root, "README.md"))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(p => p != ThisFile)
            .Order(StringComparer.Ordinal);
    }

    // docs/….md with an optional #anchor, not part of a longer path (rules/docs/PL1001.md is a rule page).
    [GeneratedRegex(@"(?<![\w./-])(?<file>docs/[\w./-]*?\.md)(?:#(?<anchor>[\w-]+))?")]
    private static partial Regex RepositoryReference();

    [GeneratedRegex(@"\]\((?!https?:|mailto:|#)(?<file>[^)\s#]+\.md)(?:#(?<anchor>[\w-]+))?\)")]
    private static partial Regex RelativeLink();



    [GeneratedRegex(@"\b(?:BEHAVIOR|DOMAIN|DESIGN)\.md|\bBEHAVIOR C\d+|\bSTYLE (?:§|\d)")]
    private static partial Regex FormerName();

    [GeneratedRegex(@"(?<![\w%#/.-])C(?:1[0-9]|2[01]|[1-9])\b(?![%\w])")]
    private static partial Regex BareConvention();
}
