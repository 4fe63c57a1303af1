using System.Text;
using NUnit.Framework;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Reporting;
using PolicyLint.Core.Reporting.Sarif;
using PolicyLint.Core.Tests.Configuration;
using PolicyLint.Testing;

namespace PolicyLint.Core.Tests.Reporting;

public sealed class BaselineTests
{
    private const string Template = """
        Resources:
          Queue: { Type: AWS::SQS::Queue }
          Topic: { Type: AWS::SNS::Topic }
        """;

    private static RunResult Run(params (string Path, string Text)[] files)
    {
        using var repository = new TemporaryRepository();
        foreach (var (path, text) in files)
            repository.Write(path, text);
        return AnalysisRunner.Run(new LoadRequest { Root = repository.Root }, new AnalysisOptions { Today = new DateOnly(2026, 11, 29) }, ConfiguredRun.Driver());
    }

    /// <summary>The run's SARIF as a later run reads it back from a file.</summary>
    private static SarifLog Sarif(RunResult run)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(SarifReporter.ToJson(SarifReporter.Build(run, new SarifOptions()))));
        return SarifReporter.Read(stream)!;
    }

    private static int? RuleIndex(string id) => id == "PL2901" ? 7 : null;

    private static IReadOnlyList<string> States(RunResult run, BaselineComparison comparison) =>
        [.. run.Diagnostics.Select(d => $"{comparison.States[d]} {d.Message}")];

    [Test]
    public void SameResults_AreUnchanged_AndNothingIsAbsent()
    {
        var run = Run(("template.yaml", Template));

        var comparison = Baseline.Compare(run.Diagnostics, Sarif(run), RuleIndex);

        Assert.That(States(run, comparison), Is.EqualTo(new[] { "unchanged Resource 'Queue'", "unchanged Resource 'Topic'" }));
        Assert.That(comparison.Absent, Is.Empty);
        Assert.That(comparison.New, Is.Empty);
    }

    [Test]
    public void MovedLines_StayUnchanged_NewResultsAreNew_RemovedOnesAbsent()
    {
        var baseline = Sarif(Run(("template.yaml", Template)));
        var current = Run(("template.yaml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Description: lines added above move every resource down
            Resources:
              Queue: { Type: AWS::SQS::Queue }
              Bucket: { Type: AWS::S3::Bucket }
            """));

        var comparison = Baseline.Compare(current.Diagnostics, baseline, RuleIndex);

        Assert.That(States(current, comparison), Is.EqualTo(new[] { "unchanged Resource 'Queue'", "new Resource 'Bucket'" }));
        Assert.That(comparison.New.Select(d => d.Message), Is.EqualTo(new[] { "Resource 'Bucket'" }));
        var absent = comparison.Absent.Single();
        Assert.Multiple(() =>
        {
            Assert.That(absent.Message.Text, Is.EqualTo("Resource 'Topic'"));
            Assert.That(absent.BaselineState, Is.EqualTo("absent"));
            Assert.That(absent.RuleIndex, Is.EqualTo(7));
            Assert.That(absent.Suppressions, Is.Empty.And.Not.Null, "every result of the run has suppressions");
        });
    }

    [Test]
    public void TheSameResultInAnotherFile_IsNew()
    {
        var baseline = Sarif(Run(("a.yaml", Template)));
        var current = Run(("b.yaml", Template));

        var comparison = Baseline.Compare(current.Diagnostics, baseline, RuleIndex);

        Assert.That(States(current, comparison), Is.EqualTo(new[] { "new Resource 'Queue'", "new Resource 'Topic'" }));
        Assert.That(comparison.Absent.Select(r => r.Message.Text), Is.EqualTo(new[] { "Resource 'Queue'", "Resource 'Topic'" }));
    }

    [Test]
    public void Results_AreMatchedAsAMultiset()
    {
        var run = Run(("template.yaml", "Resources: { Queue: { Type: AWS::SQS::Queue } }\n"));
        var baseline = Sarif(run);
        var results = baseline.Runs[0].Results!;
        results.Add(Sarif(run).Runs[0].Results![0]);

        var comparison = Baseline.Compare(run.Diagnostics, baseline, RuleIndex);

        Assert.That(States(run, comparison), Is.EqualTo(new[] { "unchanged Resource 'Queue'" }));
        Assert.That(comparison.Absent.Select(r => r.Message.Text), Is.EqualTo(new[] { "Resource 'Queue'" }), "the second copy is not covered by the one current result");
    }

    [Test]
    public void BaselineResultsAlreadyAbsent_AreNotCarriedOver()
    {
        var baseline = Sarif(Run(("template.yaml", Template)));
        foreach (var result in baseline.Runs[0].Results!)
            result.BaselineState = "absent";
        var current = Run(("template.yaml", Template));

        var comparison = Baseline.Compare(current.Diagnostics, baseline, RuleIndex);

        Assert.That(States(current, comparison), Is.EqualTo(new[] { "new Resource 'Queue'", "new Resource 'Topic'" }));
        Assert.That(comparison.Absent, Is.Empty);
    }

    [Test]
    public void AbsentResultOfARuleThatNoLongerExists_HasNoRuleIndex()
    {
        var baseline = Sarif(Run(("template.yaml", Template)));
        foreach (var result in baseline.Runs[0].Results!)
            result.RuleId = "PL2999";

        var comparison = Baseline.Compare([], baseline, RuleIndex);

        Assert.That(comparison.Absent.Select(r => (r.RuleId, r.RuleIndex)), Is.EqualTo(new (string, int?)[] { ("PL2999", null), ("PL2999", null) }));
    }

    [Test]
    public void ResultsWithoutPolicyLintFingerprint_AreMatchedByFileLineAndMessage()
    {
        var run = Run(("template.yaml", Template));
        var baseline = Sarif(run);
        foreach (var result in baseline.Runs[0].Results!)
            result.PartialFingerprints = null;
        baseline.Runs[0].Results![1].Message.Text = "Resource 'Topic' as another tool wrote it";

        var comparison = Baseline.Compare(run.Diagnostics, baseline, RuleIndex);

        Assert.That(States(run, comparison), Is.EqualTo(new[] { "unchanged Resource 'Queue'", "new Resource 'Topic'" }));
        Assert.That(comparison.Absent.Select(r => r.Message.Text), Is.EqualTo(new[] { "Resource 'Topic' as another tool wrote it" }));
    }
}
