using NUnit.Framework;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Tests.Configuration;
using PolicyLint.Testing;

namespace PolicyLint.Core.Tests.Suppressions;

/// <summary>docs/conventions.md#c14 (and docs/conventions.md#c7 for PL0003's location), with the test analyzers PL2901 (every resource, warning) and PL3901
/// (every ledger record, note).</summary>
public sealed class InSourceSuppressionTests
{
    private const string Ledger = """
        version: 1
        exclusions:
          - target: { type: lambda, function_name: worker }
            scan_type: standard
            reason: { summary: Vendor code, ticket: SEC-1 }
            owner: { team: platform, approved_by: security }
            dates: { applied_at: 2026-10-01, expires_at: 2027-03-31 }
        """;

    private static IReadOnlyList<string> Run(string template, string today = ConfiguredRun.Today, string? ledger = null, string? config = null)
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", template);
        if (ledger is not null)
            repository.Write("security/inspector-exclusions.yaml", ledger);
        if (config is not null)
            repository.Write(".policylint.yaml", config);
        return ConfiguredRun.Run(repository.Root, today);
    }

    /// <summary>A template with a queue without suppression (Other, line 2) and one (Queue, line 4) whose single
    /// suppression entry is <paramref name="entry"/>, starting at line 9, column 13.</summary>
    private static string QueueTemplate(string entry) => $"""
        Resources:
          Other:
            Type: AWS::SQS::Queue
          Queue:
            Type: AWS::SQS::Queue
            Metadata:
              policylint:
                suppress:
                  - {entry.Replace("\n", "\n            ", StringComparison.Ordinal)}
        """;

    [Test]
    public void ResourceSuppression_SuppressesItsResultsOnly() =>
        Assert.That(Run(QueueTemplate("id: PL2901\njustification: Dead-letter queue of a test stack (SEC-7)")), Is.EqualTo(new[]
        {
            "template.yaml(2,3): warning PL2901: Resource 'Other'",
            "template.yaml(4,3): warning PL2901: Resource 'Queue' [suppressed: Dead-letter queue of a test stack (SEC-7)]",
        }));

    [Test]
    public void TemplateSuppression_SuppressesEveryResultOfItsIdInTheTemplate() =>
        Assert.That(Run("""
            Metadata:
              policylint:
                suppress:
                  - id: PL2901
                    justification: Sandbox stack, deleted nightly
                    expires: 2027-01-31
            Resources:
              Queue: { Type: AWS::SQS::Queue }
              Topic: { Type: AWS::SNS::Topic }
            """), Is.EqualTo(new[]
        {
            "template.yaml(8,3): warning PL2901: Resource 'Queue' [suppressed: Sandbox stack, deleted nightly, expires 2027-01-31]",
            "template.yaml(9,3): warning PL2901: Resource 'Topic' [suppressed: Sandbox stack, deleted nightly, expires 2027-01-31]",
        }));

    [Test]
    public void TemplateSuppression_DoesNotReachAnotherTemplate()
    {
        using var repository = new TemporaryRepository();
        repository.Write("a.yaml", """
            Metadata: { policylint: { suppress: [{ id: PL2901, justification: Sandbox stack }] } }
            Resources: { Queue: { Type: AWS::SQS::Queue } }
            """);
        repository.Write("b.yaml", "Resources: { Topic: { Type: AWS::SNS::Topic } }\n");

        Assert.That(ConfiguredRun.Run(repository.Root), Is.EqualTo(new[]
        {
            "a.yaml(2,14): warning PL2901: Resource 'Queue' [suppressed: Sandbox stack]",
            "b.yaml(1,14): warning PL2901: Resource 'Topic'",
        }));
    }

    [Test]
    public void LedgerRecordSuppression_SuppressesResultsAboutThatRecord() =>
        Assert.That(Run("Resources: { Queue: { Type: AWS::SQS::Queue } }\n", ledger: Ledger + """

                suppress:
                  - id: PL3901
                    justification: Reviewed with the vendor, see SEC-1
              - target: { type: lambda, function_name: reports }
                scan_type: code
                reason: { summary: Generated code, ticket: SEC-2 }
                owner: { team: platform, approved_by: security }
                dates: { applied_at: 2026-10-01, expires_at: 2027-03-31 }
            """), Is.EqualTo(new[]
        {
            "security/inspector-exclusions.yaml(3,5): note PL3901: Ledger record [suppressed: Reviewed with the vendor, see SEC-1]",
            "security/inspector-exclusions.yaml(11,5): note PL3901: Ledger record",
            "template.yaml(1,14): warning PL2901: Resource 'Queue'",
        }));

    [Test]
    public void ResourceSuppression_WinsOverTheTemplateOne_AndNeitherSuppressesNothing() =>
        Assert.That(Run("""
            Metadata:
              policylint:
                suppress:
                  - { id: PL2901, justification: Sandbox stack }
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Metadata:
                  policylint:
                    suppress:
                      - { id: PL2901, justification: Dead-letter queue }
            """), Is.EqualTo(new[]
        {
            "template.yaml(6,3): warning PL2901: Resource 'Queue' [suppressed: Dead-letter queue]",
        }));

    [TestCase("id: PL9999\njustification: Accepted", "Invalid suppression of PL9999: unknown rule ID 'PL9999'; it is not applied")]
    [TestCase("id: pl2901\njustification: Accepted", "Invalid suppression of pl2901: unknown rule ID 'pl2901'; it is not applied")]
    [TestCase("id: PL2901", "Invalid suppression of PL2901: it has no justification (say why the result is accepted); it is not applied")]
    [TestCase("id: PL2901\njustification:", "Invalid suppression of PL2901: it has no justification (say why the result is accepted); it is not applied")]
    [TestCase("id: PL2901\njustification: ''", "Invalid suppression of PL2901: it has no justification (say why the result is accepted); it is not applied")]
    [TestCase("id: PL2901\njustification: '   '", "Invalid suppression of PL2901: it has no justification (say why the result is accepted); it is not applied")]
    [TestCase("id: PL2901\njustification: TODO", "Invalid suppression of PL2901: its justification is a placeholder, not a reason (say why the result is accepted); it is not applied")]
    [TestCase("id: PL2901\njustification: 'TODO: ask the platform team'", "Invalid suppression of PL2901: its justification is a placeholder, not a reason (say why the result is accepted); it is not applied")]
    [TestCase("id: PL2901\njustification: x", "Invalid suppression of PL2901: its justification is a placeholder, not a reason (say why the result is accepted); it is not applied")]
    [TestCase("id: PL2901\njustification: N/A", "Invalid suppression of PL2901: its justification is a placeholder, not a reason (say why the result is accepted); it is not applied")]
    [TestCase("id: PL2901\njustification: '-'", "Invalid suppression of PL2901: its justification is a placeholder, not a reason (say why the result is accepted); it is not applied")]
    [TestCase("id: PL2901\njustification: <reason>", "Invalid suppression of PL2901: its justification is a placeholder, not a reason (say why the result is accepted); it is not applied")]
    [TestCase("id: PL2901\njustification: pending", "Invalid suppression of PL2901: its justification is a placeholder, not a reason (say why the result is accepted); it is not applied")]
    [TestCase("id: PL2901\njustification: ＴＯＤＯ", "Invalid suppression of PL2901: its justification is a placeholder, not a reason (say why the result is accepted); it is not applied")]
    [TestCase("id: PL2901\njustification: \"N/A\u200B\"", "Invalid suppression of PL2901: its justification is a placeholder, not a reason (say why the result is accepted); it is not applied")]
    [TestCase("id: PL2901\njustification: Accepted\nexpires: 2027-3-31", "Invalid suppression of PL2901: 'expires' '2027…' (9 characters) is not a date of the form YYYY-MM-DD; it is not applied")]
    [TestCase("id: PL2901\njustification: Accepted\nexpires: 2027-02-30", "Invalid suppression of PL2901: 'expires' '2027-02-30' is not a calendar date; it is not applied")]
    [TestCase("id: PL2901\njustification: Accepted\nexpires: 2027/02/28", "Invalid suppression of PL2901: 'expires' '2027…' (10 characters) is not a date of the form YYYY-MM-DD; it is not applied")]
    [TestCase("id: PL2901\njustification: Accepted\nexpires: next spring", "Invalid suppression of PL2901: 'expires' 'next…' (11 characters) is not a date of the form YYYY-MM-DD; it is not applied")]
    [TestCase("id: PL2901\njustification: Accepted\nexpires: 2027-03-31T00:00:00Z", "Invalid suppression of PL2901: 'expires' '2027…' (20 characters) is not a date of the form YYYY-MM-DD; it is not applied")]
    [TestCase("id: PL2901\njustification: Accepted\nexpires: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "Invalid suppression of PL2901: 'expires' 'wJal…' (40 characters) is not a date of the form YYYY-MM-DD; it is not applied")]
    [TestCase("id: PL2901\njustification: Accepted\nexpires: [2027-03-31]", "Invalid suppression of PL2901: 'expires' is not a date of the form YYYY-MM-DD (not a value); it is not applied")]
    [TestCase("id: PL0001\njustification: Accepted", "Invalid suppression of PL0001: PL0001 cannot be suppressed (a file or configuration that cannot be read must be fixed); it is not applied")]
    [TestCase("id: PL0004\njustification: Accepted", "Invalid suppression of PL0004: PL0004 cannot be suppressed (a file or configuration that cannot be read must be fixed); it is not applied")]
    [TestCase("id: PL0003\njustification: Accepted", "Invalid suppression of PL0003: PL0003 cannot be suppressed (fix the suppression it reports, or turn PL0003 off in the configuration); it is not applied")]
    [TestCase("id: [PL2901]\njustification: Accepted", "Invalid suppression: 'id' must be a rule ID such as PL2001; it is not applied")]
    [TestCase("id: PL2901\njustification: Accepted\nreason: vendor", "Invalid suppression of PL2901: unknown key 'reason' (expected: id, justification, expires); it is not applied")]
    [TestCase("id: ghp_wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLE\njustification: Accepted", "Invalid suppression of 'ghp_…' (41 characters): unknown rule ID 'ghp_…' (41 characters); it is not applied")]
    [TestCase("id: PL2901 PL2902\njustification: Accepted", "Invalid suppression of 'PL29…' (13 characters): unknown rule ID 'PL29…' (13 characters); it is not applied")]
    [TestCase("id: PL9999\nexpires: soon", "Invalid suppression of PL9999: unknown rule ID 'PL9999'; it has no justification (say why the result is accepted); 'expires' 'soon' is not a date of the form YYYY-MM-DD; it is not applied")]
    public void Reports_AnInvalidSuppressionOnceAtItsIdKey_AndDoesNotApplyIt(string entry, string message) =>
        Assert.That(Run(QueueTemplate(entry)), Is.EqualTo(new[]
        {
            "template.yaml(2,3): warning PL2901: Resource 'Other'",
            "template.yaml(4,3): warning PL2901: Resource 'Queue'",
            $"template.yaml(9,13): warning PL0003: {message}",
        }));

    [Test]
    public void Reports_ASuppressionWithoutIdAtItsFirstKey() =>
        Assert.That(Run(QueueTemplate("justification: Accepted")), Is.EqualTo(new[]
        {
            "template.yaml(2,3): warning PL2901: Resource 'Other'",
            "template.yaml(4,3): warning PL2901: Resource 'Queue'",
            "template.yaml(9,13): warning PL0003: Invalid suppression: it has no 'id'; it is not applied",
        }));

    [Test]
    public void Reports_AValidSuppressionThatSuppressesNothing() =>
        Assert.That(Run("""
            Metadata:
              policylint:
                suppress:
                  - id: PL3901
                    justification: No ledger record lives in a template
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Metadata:
                  policylint:
                    suppress:
                      - id: PL0002
                        justification: Nothing to resolve here
            """), Is.EqualTo(new[]
        {
            "template.yaml(4,9): warning PL0003: The suppression of PL3901 suppresses nothing: no PL3901 result is reported in this template; remove it",
            "template.yaml(7,3): warning PL2901: Resource 'Queue'",
            "template.yaml(12,13): warning PL0003: The suppression of PL0002 suppresses nothing: no PL0002 result is reported for this resource; remove it",
        }));

    [Test]
    public void Reports_ALedgerRecordSuppressionThatSuppressesNothing() =>
        Assert.That(Run("Resources: { Queue: { Type: AWS::SQS::Queue } }\n", ledger: Ledger + """

                suppress:
                  - id: PL2901
                    justification: Wrong place for it
            """), Is.EqualTo(new[]
        {
            "security/inspector-exclusions.yaml(3,5): note PL3901: Ledger record",
            "security/inspector-exclusions.yaml(9,9): warning PL0003: The suppression of PL2901 suppresses nothing: no PL2901 result is reported for this ledger record; remove it",
            "template.yaml(1,14): warning PL2901: Resource 'Queue'",
        }));

    [Test]
    public void DoesNotReport_ASuppressionOfARuleTheConfigurationTurnsOff() =>
        Assert.That(Run(QueueTemplate("id: PL2901\njustification: Accepted"), config: "rules: { PL2901: { severity: none } }\n"), Is.Empty);

    [Test]
    public void SuppressedResult_KeepsItsConfiguredSeverity() =>
        Assert.That(Run(QueueTemplate("id: PL2901\njustification: Accepted"), config: "rules: { PL2901: { severity: error } }\n"), Is.EqualTo(new[]
        {
            "template.yaml(2,3): error PL2901: Resource 'Other'",
            "template.yaml(4,3): error PL2901: Resource 'Queue' [suppressed: Accepted]",
        }));

    [TestCase("2026-11-28")]
    [TestCase("2026-11-29")]
    public void Expiry_OnOrBeforeTheExpiryDay_TheSuppressionApplies(string today) =>
        Assert.That(Run(QueueTemplate("id: PL2901\njustification: Accepted until the migration\nexpires: 2026-11-29"), today), Is.EqualTo(new[]
        {
            "template.yaml(2,3): warning PL2901: Resource 'Other'",
            "template.yaml(4,3): warning PL2901: Resource 'Queue' [suppressed: Accepted until the migration, expires 2026-11-29]",
        }));

    [TestCase("2026-11-30")]
    [TestCase("2027-06-01")]
    public void Expiry_AfterTheExpiryDay_TheResultReturnsAndSaysWhen_WithoutPL0003(string today) =>
        Assert.That(Run(QueueTemplate("id: PL2901\njustification: Accepted until the migration\nexpires: '2026-11-29'"), today), Is.EqualTo(new[]
        {
            "template.yaml(2,3): warning PL2901: Resource 'Other'",
            "template.yaml(4,3): warning PL2901: Resource 'Queue' (its suppression expired on 2026-11-29 and no longer applies)",
        }));

    [Test]
    public void Expiry_AnExpiredSuppressionThatMatchesNothing_IsNotPL0003() =>
        Assert.That(Run(QueueTemplate("id: PL0002\njustification: Old note\nexpires: 2026-01-31")), Is.EqualTo(new[]
        {
            "template.yaml(2,3): warning PL2901: Resource 'Other'",
            "template.yaml(4,3): warning PL2901: Resource 'Queue'",
        }));

    [Test]
    public void Expiry_AnUnexpiredSuppressionWinsOverAnExpiredOne() =>
        Assert.That(Run("""
            Metadata:
              policylint:
                suppress:
                  - { id: PL2901, justification: Renewed after review, expires: 2027-05-31 }
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Metadata:
                  policylint:
                    suppress:
                      - { id: PL2901, justification: First decision, expires: 2026-05-31 }
            """), Is.EqualTo(new[]
        {
            "template.yaml(6,3): warning PL2901: Resource 'Queue' [suppressed: Renewed after review, expires 2027-05-31]",
        }));

    [TestCase("Metadata:\n      policylint: off", "template.yaml(5,7): warning PL0003: Metadata 'policylint' must be a mapping with a 'suppress' list")]
    [TestCase("Metadata:\n      policylint:\n        ignore: [PL2901]", "template.yaml(6,9): warning PL0003: Unknown key 'ignore' in Metadata 'policylint' (expected: suppress)")]
    [TestCase("Metadata:\n      policylint:\n        suppress: PL2901", "template.yaml(6,9): warning PL0003: 'suppress' must be a list of {id, justification, expires}")]
    [TestCase("Metadata:\n      policylint:\n        suppress: [PL2901]", "template.yaml(6,20): warning PL0003: A suppression must be a mapping {id, justification, expires}")]
    public void Reports_AMalformedPolicyLintMetadata(string metadata, string expected) =>
        Assert.That(Run($"""
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                {metadata}
            """), Is.EqualTo(new[] { "template.yaml(2,3): warning PL2901: Resource 'Queue'", expected }));

    [Test]
    public void PL0003_IsAboutTheSuppressionsOwner_WithAFingerprintThatSurvivesLineMoves()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", """
            Metadata: { policylint: { suppress: [{ id: PL3901, justification: Not here }] } }
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Metadata: { policylint: { suppress: [{ justification: No id }, { id: PL9999, justification: Typo }] } }
            """);
        repository.Write("security/inspector-exclusions.yaml", Ledger + "\n    suppress: [{ id: PL2901, justification: Wrong place }]\n");

        var run = AnalysisRunner.Run(new LoadRequest { Root = repository.Root }, new AnalysisOptions { Today = new DateOnly(2026, 11, 29) }, ConfiguredRun.Driver());

        Assert.That(run.Diagnostics.Where(d => d.Id == "PL0003").Select(d => $"{d.Target.LogicalLocation?.FullyQualifiedName} {d.Target.PropertyPath}"), Is.EqualTo(new[]
        {
            "security/inspector-exclusions.yaml#exclusions[0] suppress.PL2901",
            " Metadata.policylint.suppress.PL3901",
            "template.yaml#Resources/Queue Metadata.policylint.suppress.[0]",
            "template.yaml#Resources/Queue Metadata.policylint.suppress.PL9999",
        }));
    }

    [Test]
    public void DoesNotRead_TheSuppressionsOfADefinitionThatARepeatedLogicalIdReplaces()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Metadata:
                  policylint:
                    suppress:
                      - id: PL9999
              Queue:
                Type: AWS::SNS::Topic
                Metadata:
                  policylint:
                    suppress:
                      - id: PL9998
            """);

        var results = ConfiguredRun.Run(repository.Root);

        Assert.That(results.Count(r => r.Contains(" error PL0001: ", StringComparison.Ordinal) && r.StartsWith("template.yaml(8,3)", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(results.Where(r => r.Contains("PL0003", StringComparison.Ordinal)).Select(r => r[..r.IndexOf(':', StringComparison.Ordinal)]), Is.EqualTo(new[] { "template.yaml(13,13)" }),
            "the repeat deploys: its suppression is read (and PL9998 is unknown); the replaced definition's is not");
    }
}
