using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Integration;

/// <summary>
/// The real pre-commit client runs this repository's hook (<c>.pre-commit-hooks.yaml</c>) the way a consumer does:
/// <c>pre-commit try-repo &lt;this repository&gt; policylint --all-files</c> in a throw-away git repository made from a
/// sample. try-repo needs a git repository at a commit, so the working tree as it is now (tracked and untracked files,
/// not ignored ones) is committed to a temporary repository first. Each run packs and installs the tool, so there
/// are two runs only. Skipped, saying so, when pre-commit is not on PATH (.ci/run installs Debian's package).
/// </summary>
[NonParallelizable]
public sealed partial class PreCommitTests
{
    private TemporaryRepository? _snapshot;
    private string? _preCommit;

    [OneTimeSetUp]
    public void CommitTheWorkingTree()
    {
        _preCommit = ExternalTool.OnPath("pre-commit");
        if (_preCommit is null)
            return;
        _snapshot = ExternalTool.CommittedCopy(RepositoryPaths.Root, ExternalTool.WorkingTreeFiles(RepositoryPaths.Root));
    }

    [OneTimeTearDown]
    public void Delete() => _snapshot?.Dispose();

    [Test]
    public void Hook_FailsOnTheProblemSample_WithTheTextOutput()
    {
        using var sample = Sample("inspector-problems");

        var (exitCode, output) = TryRepo(sample);

        var lint = CliRunner.Run(sample.Root);
        Assert.That(lint.ExitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(Keys(lint.Stdout), Is.EqualTo(Keys(CliRunner.SampleGolden("inspector-problems").Text)), "the hook's day gives the golden results");
        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Match(@"\nPolicyLint\.+Failed\n- hook id: policylint\n- exit code: 1\n"));
        Assert.That(output, Does.Contain("\n\n" + lint.Stdout), "the hook prints PolicyLint's text output, every line");
    }

    [Test]
    public void Hook_PassesOnTheCleanSample()
    {
        using var sample = Sample("inspector-basic");

        var (exitCode, output) = TryRepo(sample);

        Assert.That(CliRunner.Run(sample.Root).ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Match(@"\nPolicyLint\.+Passed\n"));
    }

    private (int ExitCode, string Output) TryRepo(TemporaryRepository sample)
    {
        if (_preCommit is null)
            ExternalTool.Missing("pre-commit is not on PATH (Debian: apt-get install pre-commit)");
        return ExternalTool.Run(_preCommit!, sample.Root, null, "try-repo", _snapshot!.Root, "policylint", "--all-files", "--color", "never");
    }

    /// <summary>A committed copy of a sample whose dates are moved by as many days as today is after the day the
    /// samples are written for (2026-11-29), so that a hook, which runs on the real date, sees what the golden files
    /// show.</summary>
    private static TemporaryRepository Sample(string name)
    {
        var root = CliRunner.Samples(name);
        var shift = DateOnly.FromDateTime(DateTime.UtcNow).DayNumber - DateOnly.ParseExact(CliRunner.Today, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber;
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'));
        return ExternalTool.CommittedCopy(root, files, (file, bytes) =>
            shift == 0 || !file.EndsWith(".yaml", StringComparison.Ordinal)
                ? bytes
                : Encoding.UTF8.GetBytes(ShiftDates(Encoding.UTF8.GetString(bytes), shift)));
    }

    /// <summary>Moves every ledger date and suppression <c>expires</c> date of <paramref name="yaml"/> by
    /// <paramref name="days"/>.</summary>
    internal static string ShiftDates(string yaml, int days) => Day().Replace(yaml, m =>
        DateOnly.ParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    [Test]
    public void ShiftDates_MovesLedgerAndSuppressionDatesOnly()
    {
        const string yaml = """
            AWSTemplateFormatVersion: '2010-09-09'
            dates: { applied_at: 2026-10-01, expires_at: "2027-03-31" }
              next_review_at: 2027-01-15
                    expires: '2026-12-31'
            """;

        Assert.That(ShiftDates(yaml, 3), Is.EqualTo("""
            AWSTemplateFormatVersion: '2010-09-09'
            dates: { applied_at: 2026-10-04, expires_at: "2027-04-03" }
              next_review_at: 2027-01-18
                    expires: '2027-01-03'
            """));
    }

    /// <summary>The <c>path(line,col): severity ID</c> part of each result line.</summary>
    private static string[] Keys(string text) =>
        [.. text.Split('\n').Select(l => Key().Match(l)).Where(m => m.Success).Select(m => m.Value)];

    /// <summary>A ledger date or a suppression's <c>expires</c> date (not, say, <c>AWSTemplateFormatVersion</c>).</summary>
    [GeneratedRegex(@"(?<=\b(?:applied_at|expires_at|next_review_at|expires): *[""']?)\d{4}-\d\d-\d\d\b")]
    private static partial Regex Day();

    [GeneratedRegex(@"^\S+\(\d+,\d+\): \w+ PL\d{4}")]
    private static partial Regex Key();
}
