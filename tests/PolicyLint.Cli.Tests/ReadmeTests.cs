using System.Text.RegularExpressions;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary>
/// The README shows output of real runs on <c>samples/inspector-problems</c>; these tests rerun them so that the
/// figures a new user compares with stay true when the sample grows.
/// </summary>
[TestFixture]
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(RepositoryPaths.Get("README.md")).ReplaceLineEndings("\n");

    private static readonly string[] Problems = ["--today", CliRunner.Today, "samples/inspector-problems"];

    [Test]
    public void LedgerStatusExample_IsTheRealOutput()
    {
        const string command = "$ policylint ledger status --today 2026-11-29 --root samples/inspector-problems\n";
        var shown = Block(command);

        var run = CliRunner.Run(RepositoryPaths.Root, "ledger", "status", "--today", CliRunner.Today, "--root", "samples/inspector-problems");

        Assert.That(shown, Is.EqualTo(run.Stdout));
    }

    [Test]
    public void PreCommitExample_EndsWithTheSamplesSummaryLine()
    {
        var shown = Block("$ pre-commit run --all-files\n").TrimEnd('\n').Split('\n')[^1];

        var summary = CliRunner.Lint("samples/inspector-problems").Stdout.TrimEnd('\n').Split('\n')[^1];

        Assert.That(shown, Is.EqualTo(summary));
    }

    [Test]
    public void MarkdownExample_HasTheSamplesCountsAndFirstRows()
    {
        var shown = Block("```markdown\n").Split('\n');
        var actual = CliRunner.Run(RepositoryPaths.Root, [.. Problems, "--format", "markdown"]).Stdout.Split('\n');

        Assert.That(shown[4], Does.StartWith("| ").And.EqualTo(actual[4]), "the counts row");
        // The README abbreviates the messages with an ellipsis: compare each row up to it.
        foreach (var row in new[] { 8, 9 })
        {
            var prefix = shown[row][..shown[row].IndexOf('…', StringComparison.Ordinal)];
            Assert.That(actual[row], Does.StartWith(prefix), $"row {row}");
        }
    }

    [Test]
    public void EditorNotes_CountEveryGnuLine()
    {
        var lines = CliRunner.Run(RepositoryPaths.Root, [.. Problems, "--format", "gnu"]).Stdout.TrimEnd('\n').Split('\n').Length;

        Assert.That(VimCount().Match(Readme).Groups[1].Value, Is.EqualTo(lines.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Vim");
        Assert.That(EmacsCount().Match(Readme).Groups[1].Value, Is.EqualTo(lines.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Emacs");
    }

    /// <summary>The text of the fenced block whose first line is <paramref name="start"/> (the command line or the
    /// opening fence), from the line after it up to the closing fence.</summary>
    private static string Block(string start)
    {
        var from = Readme.IndexOf(start, StringComparison.Ordinal);
        Assert.That(from, Is.GreaterThanOrEqualTo(0), $"README has no block starting with {start}");
        from += start.Length;
        return Readme[from..Readme.IndexOf("```", from, StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"the quickfix list with (\d+) valid entries")]
    private static partial Regex VimCount();

    [GeneratedRegex(@"in batch mode: all (\d+) lines are messages")]
    private static partial Regex EmacsCount();
}
