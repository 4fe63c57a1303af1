using NUnit.Framework;
using PolicyLint.Testing;
using GoldenFile = PolicyLint.Testing.Golden;

namespace PolicyLint.Cli.Tests.Corpus;

/// <summary>
/// Every rule over the public template corpus in <c>tests/corpus/</c> (see its README for sources and licences): no
/// file may fail to parse, no analyzer may fail, and the results must equal <c>Corpus/expected.txt</c>, a list
/// reviewed by hand in which every line is a true positive. A change to it is reviewed the same way.
/// </summary>
public sealed class CorpusTests
{
    private static readonly string CorpusRoot = RepositoryPaths.Get("tests/corpus");

    [Test]
    public void Corpus_ResultsEqualTheReviewedList()
    {
        var run = CliRunner.Lint(CorpusRoot);

        Assert.That(run.Stderr, Is.Empty, "a tool notification (unreadable file or failed analyzer)");
        GoldenFile.AssertMatches(run.Stdout, "tests/PolicyLint.Cli.Tests/Corpus/expected.txt");
    }

    [Test]
    public void Corpus_HasNoPL0001AndNoAnalyzerFailure()
    {
        var run = CliRunner.Lint("--format", "sarif", CorpusRoot);

        using var sarif = run.Sarif();
        var invocation = sarif.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.That(invocation.GetProperty("executionSuccessful").GetBoolean(), Is.True);
        Assert.That(invocation.TryGetProperty("toolExecutionNotifications", out _), Is.False);
        Assert.That(CliRunner.ResultKeys(sarif).Where(k => k.StartsWith("PL0001 ", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Corpus_IsAtLeast250TemplatesWithTheirLicences()
    {
        var templates = Directory.EnumerateFiles(CorpusRoot, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .ToList();

        Assert.That(templates, Has.Count.GreaterThanOrEqualTo(250));
        Assert.That(templates.Where(f => f.EndsWith(".json", StringComparison.Ordinal)), Is.Not.Empty);
        foreach (var licence in new[] { "sam/LICENSE", "sam/NOTICE", "aws-cloudformation-templates/LICENSE.txt", "aws-cloudformation-templates/NOTICE.txt", "README.md" })
            Assert.That(File.Exists(Path.Combine(CorpusRoot, licence)), Is.True, licence);
    }
}
