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
    public void Corpus_HasNoAnalyzerFailure_AndPL0001OnlyInTheTranslatorsDeliberatelyInvalidInputs()
    {
        var run = CliRunner.Lint("--format", "sarif", CorpusRoot);

        using var sarif = run.Sarif();
        var invocation = sarif.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        var pl0001Files = CliRunner.ResultKeys(sarif).Where(k => k.StartsWith("PL0001 ", StringComparison.Ordinal))
            .Select(k => k.Split(' ')[1]).Select(p => p[(p.LastIndexOf('/') + 1)..]).ToList();
        Assert.That(invocation.GetProperty("executionSuccessful").GetBoolean(), Is.True);
        Assert.That(invocation.TryGetProperty("toolExecutionNotifications", out _), Is.False);
        // The SAM translator's error_* inputs are written to fail its transform (here: Fn::If with two items); every
        // other template of the corpus is valid and must get no PL0001 (docs/conventions.md#c4: forms are validated where deployed).
        Assert.That(pl0001Files, Has.Count.EqualTo(2));
        Assert.That(pl0001Files, Has.All.StartWith("error_"));
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
