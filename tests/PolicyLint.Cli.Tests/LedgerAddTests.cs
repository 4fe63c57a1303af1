using System.Diagnostics;
using System.Text;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary><c>policylint ledger add</c>: a valid skeleton entry inserted into the ledger's text, every existing byte
/// kept, written atomically; refusals are usage errors that leave the file alone.</summary>
public sealed class LedgerAddTests
{
    private const string LedgerPath = "security/inspector-exclusions.yaml";

    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          OrdersFunction:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: orders-api
              Tags:
                InspectorExclusion: LambdaStandardScanning
          ReportsFunction:
            Type: AWS::Serverless::Function
            Properties:
              Tags:
                InspectorCodeExclusion: LambdaCodeScanning
          Queue:
            Type: AWS::SQS::Queue

        """;

    private const string Existing = """
        # Reviewed every Monday by the security team.
        version: 1
        exclusions:
          - target: { type: lambda, function_name: billing-api }   # the billing vendor SDK
            scan_type: code
            reason: { summary: "Vendor SDK", ticket: SEC-1 }
            owner: { team: billing, approved_by: security-reviewer }
            dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }

        """;

    private const string OrdersEntry = """
          - target:
              type: lambda
              function_name: orders-api
            scan_type: standard
            tag: { key: InspectorExclusion, value: LambdaStandardScanning }
            reason:
              summary: "TODO: why this exclusion is accepted, and until when"
              ticket: SEC-42
            owner:
              team: platform
              approved_by: "TODO: who approved the exclusion"
            dates:
              applied_at: 2026-11-29
              expires_at: 2027-02-27
              next_review_at: 2026-12-29

        """;

    private static TemporaryRepository Repository(string? ledger)
    {
        var repository = new TemporaryRepository();
        repository.Write("services/orders/template.yaml", Template);
        if (ledger is not null)
            repository.Write(LedgerPath, ledger);
        return repository;
    }

    /// <summary>Runs <c>ledger add</c> on <c>services/orders/template.yaml</c> unless <paramref name="args"/> name another.</summary>
    private static CliRun Add(TemporaryRepository repository, params string[] args) =>
        CliRunner.Run(repository.Root, ["ledger", "add", "--today", CliRunner.Today, .. args.Contains("--template") ? args : ["--template", "services/orders/template.yaml", .. args]]);

    private static CliRun AddOrders(TemporaryRepository repository) =>
        Add(repository, "--logical-id", "OrdersFunction", "--scan-type", "standard", "--ticket", "SEC-42", "--owner", "platform");

    private static byte[] Bytes(TemporaryRepository repository) => File.ReadAllBytes(Path.Combine(repository.Root, LedgerPath));

    /// <summary>The lint run reads the new entry: it records the function (no PL1001 or PL1005 for it), and its only
    /// defects are the placeholders, each a PL3004 error until a person replaces it (a placeholder is not an approval).</summary>
    private static void AssertRecordedButPlaceholdersFail(TemporaryRepository repository, string function)
    {
        var lint = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--format", "gnu");
        Assert.That(lint.Stdout, Does.Not.Contain("[PL0001]"), "the skeleton is well-formed YAML");
        Assert.That(lint.Stdout.Split('\n').Where(l => l.Contains("[PL3004]", StringComparison.Ordinal)),
            Is.Not.Empty.And.All.Contain(": error: ").And.All.Contain(" is a placeholder ('TODO"), "PL3004 reports the placeholders, and nothing else");
        Assert.That(lint.ExitCode, Is.EqualTo(ExitCodes.Failure), "a skeleton with placeholders fails the lint run");
        Assert.That(lint.Stdout.Split('\n').Where(l => l.Contains("[PL1001]", StringComparison.Ordinal) || l.Contains("[PL1005]", StringComparison.Ordinal)),
            Has.None.Contain($"'{function}'"), "the entry records the function's tag");
    }

    [Test]
    public void AppendsAfterTheLastItem_KeepingEveryByteBefore_AndTheEntryFailsOnlyOnItsPlaceholders()
    {
        using var repository = Repository(Existing);

        var run = AddOrders(repository);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
        Assert.That(run.Stdout, Is.EqualTo(
            "security/inspector-exclusions.yaml(9,5): added the standard scanning exclusion of 'orders-api', expiring on 2027-02-27, next review on 2026-12-29\n" +
            "Replace the TODO values (reason.summary, owner.approved_by) before you commit.\n"));
        Assert.That(run.Stderr, Is.Empty);
        Assert.That(repository.Read(LedgerPath), Is.EqualTo(Existing + OrdersEntry));
        Assert.That(Bytes(repository)[..Encoding.UTF8.GetByteCount(Existing)], Is.EqualTo(Encoding.UTF8.GetBytes(Existing)));
        AssertRecordedButPlaceholdersFail(repository, "OrdersFunction");
    }

    [Test]
    public void InsertsBeforeTheNextTopLevelKey_KeepingTheTextAfterToo()
    {
        const string suppressions = """

            # Inspector suppression rules
            suppressions: []

            """;
        using var repository = Repository(Existing.TrimEnd('\n') + "\n" + suppressions);

        AddOrders(repository);

        Assert.That(repository.Read(LedgerPath), Is.EqualTo(Existing + OrdersEntry + suppressions));
    }

    [Test]
    public void ALastItemEndingInABlockScalar_IsFollowedByTheEntry()
    {
        const string existing = """
            version: 1
            exclusions:
              - target: { type: lambda, function_name: billing-api }
                scan_type: code
                owner: { team: billing, approved_by: security-reviewer }
                dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }
                reason:
                  ticket: SEC-1
                  summary: |
                    Vendor SDK,
                    two lines

            """;
        const string suppressions = "suppressions: []\n";
        using var repository = Repository(existing + suppressions);

        var run = AddOrders(repository);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
        Assert.That(repository.Read(LedgerPath), Is.EqualTo(existing + OrdersEntry + suppressions));
        AssertRecordedButPlaceholdersFail(repository, "OrdersFunction");
    }

    [Test]
    public void FunctionWithoutAStaticName_IsRecordedByTemplateAndLogicalId_WithPlaceholders()
    {
        using var repository = Repository(Existing);

        var run = Add(repository, "--logical-id", "ReportsFunction", "--scan-type", "code");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
        Assert.That(repository.Read(LedgerPath), Is.EqualTo(Existing + """
              - target:
                  type: lambda
                  template: services/orders/template.yaml
                  logical_id: ReportsFunction
                scan_type: code
                tag: { key: InspectorCodeExclusion, value: LambdaCodeScanning }
                reason:
                  summary: "TODO: why this exclusion is accepted, and until when"
                  ticket: TODO
                owner:
                  team: TODO
                  approved_by: "TODO: who approved the exclusion"
                dates:
                  applied_at: 2026-11-29
                  expires_at: 2027-02-27
                  next_review_at: 2026-12-29

            """));
        Assert.That(run.Stdout, Does.EndWith("Replace the TODO values (reason.summary, reason.ticket, owner.team, owner.approved_by) before you commit.\n"));
        AssertRecordedButPlaceholdersFail(repository, "ReportsFunction");
    }

    [Test]
    public void NoLedger_CreatesItWithVersion1()
    {
        using var repository = Repository(null);

        var run = AddOrders(repository);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
        Assert.That(run.Stdout, Does.StartWith("security/inspector-exclusions.yaml(3,5): added "));
        Assert.That(repository.Read(LedgerPath), Is.EqualTo("version: 1\nexclusions:\n" + OrdersEntry));
        AssertRecordedButPlaceholdersFail(repository, "OrdersFunction");
    }

    [Test]
    public void NoExclusionsKey_AddsIt_AfterAMissingFinalLineBreak()
    {
        using var repository = Repository("version: 1  # no final line break");

        AddOrders(repository);

        Assert.That(repository.Read(LedgerPath), Is.EqualTo("version: 1  # no final line break\nexclusions:\n" + OrdersEntry));
    }

    [Test]
    public void EmptyFlowList_BecomesABlockList_TheOnlyEditOfExistingText()
    {
        using var repository = Repository("version: 1\nexclusions: []  # none yet\nsuppressions: []\n");

        AddOrders(repository);

        Assert.That(repository.Read(LedgerPath), Is.EqualTo("version: 1\nexclusions:  # none yet\n" + OrdersEntry + "suppressions: []\n"));
        AssertRecordedButPlaceholdersFail(repository, "OrdersFunction");
    }

    [Test]
    public void CrlfAndByteOrderMark_AreKept_AndTheListsIndentationFollowed()
    {
        var existing = "\uFEFFversion: 1\r\nexclusions:\r\n- target: { type: lambda, function_name: billing-api }\r\n  scan_type: code\r\n  reason: { summary: \"Vendor SDK\", ticket: SEC-1 }\r\n  owner: { team: billing, approved_by: security-reviewer }\r\n  dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }";
        using var repository = new TemporaryRepository();
        repository.Write("services/orders/template.yaml", Template);
        repository.WriteBytes(LedgerPath, Encoding.UTF8.GetBytes(existing));

        AddOrders(repository);

        var expected = existing + "\r\n" + string.Concat(OrdersEntry.Split('\n')[..^1].Select(l => (l.Length >= 2 ? l[2..] : l) + "\r\n"));
        Assert.That(Bytes(repository), Is.EqualTo(Encoding.UTF8.GetBytes(expected)));
        AssertRecordedButPlaceholdersFail(repository, "OrdersFunction");
    }

    [Test]
    public void WritesAtomically_ANewFileReplacesTheOld_AndNoTemporaryFileIsLeft()
    {
        using var repository = Repository(Existing);
        var ledger = Path.Combine(repository.Root, LedgerPath);
        var link = Path.Combine(repository.Root, "before.yaml");
        using (var ln = Process.Start("ln", [ledger, link]))
            ln.WaitForExit();

        AddOrders(repository);

        Assert.That(File.ReadAllText(link), Is.EqualTo(Existing), "a hard link to the old file still sees the old text: the new text went to a new file, renamed over the ledger");
        Assert.That(repository.Read(LedgerPath), Is.EqualTo(Existing + OrdersEntry));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(ledger)!).Select(Path.GetFileName), Is.EqualTo(new[] { "inspector-exclusions.yaml" }));
    }

    [Test]
    public void FunctionWithoutTheTag_IsAdded_WithAWarning()
    {
        using var repository = Repository(Existing);

        var run = Add(repository, "--logical-id", "OrdersFunction", "--scan-type", "code");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(run.Stderr, Is.EqualTo("policylint: warning: function 'OrdersFunction' has no 'InspectorCodeExclusion' tag yet; add 'InspectorCodeExclusion: LambdaCodeScanning' to its Tags\n"));
    }

    [TestCase("--logical-id", "OrdersFunction", "--scan-type", "code", "--template", "services/nope.yaml", ExpectedResult = "'services/nope.yaml' is not a template under the root")]
    [TestCase("--logical-id", "Missing", "--scan-type", "code", ExpectedResult = "template 'services/orders/template.yaml' has no resource 'Missing'")]
    [TestCase("--logical-id", "Queue", "--scan-type", "code", ExpectedResult = "resource 'Queue' in 'services/orders/template.yaml' is AWS::SQS::Queue, not a Lambda function (AWS::Serverless::Function or AWS::Lambda::Function)")]
    public string Refuses_WhatIsNotAFunction(params string[] args)
    {
        using var repository = Repository(Existing);

        var run = Add(repository, args);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(repository.Read(LedgerPath), Is.EqualTo(Existing));
        return run.Stderr.Replace("policylint: error: ", "", StringComparison.Ordinal).TrimEnd('\n');
    }

    [Test]
    public void Refuses_ADuplicate_ByNameOrByTemplate()
    {
        using var repository = Repository(Existing);
        AddOrders(repository);
        Add(repository, "--logical-id", "ReportsFunction", "--scan-type", "code");
        var before = Bytes(repository);

        var byName = AddOrders(repository);
        var byTemplate = Add(repository, "--logical-id", "ReportsFunction", "--scan-type", "code");

        Assert.That(byName.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(byName.Stderr, Is.EqualTo("policylint: error: security/inspector-exclusions.yaml(9,5) already records the standard scanning exclusion of function 'OrdersFunction' (orders-api)\n"));
        Assert.That(byTemplate.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(byTemplate.Stderr, Is.EqualTo("policylint: error: security/inspector-exclusions.yaml(24,5) already records the code scanning exclusion of function 'ReportsFunction' (services/orders/template.yaml#ReportsFunction)\n"));
        Assert.That(Bytes(repository), Is.EqualTo(before));
    }

    [TestCase("version: 1\nexclusions:\n  - target: [\n", "fix the ledger first")]
    [TestCase("version: 1\nexclusions: [{ target: { type: lambda, function_name: a } }]\n", "is a flow list [...]")]
    [TestCase("version: 1\nexclusions: none\n", "'exclusions' in security/inspector-exclusions.yaml is not a list")]
    public void Refuses_ALedgerItCannotEditSafely(string ledger, string reason)
    {
        using var repository = Repository(ledger);

        var run = AddOrders(repository);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Does.Contain(reason));
        Assert.That(repository.Read(LedgerPath), Is.EqualTo(ledger));
    }

    [Test]
    public void RequiredOptions_AndScanTypeValues_AreUsageErrors()
    {
        using var repository = Repository(Existing);

        Assert.That(CliRunner.Run(repository.Root, "ledger", "add", "--template", "services/orders/template.yaml").ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(Add(repository, "--logical-id", "OrdersFunction", "--scan-type", "full").ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(repository.Read(LedgerPath), Is.EqualTo(Existing));
    }

    [Test]
    public void ATodayTooLateForTheExpiry_IsAUsageError_NotACrash()
    {
        using var repository = Repository(Existing);

        var run = CliRunner.Run(repository.Root, ["ledger", "add", "--today", "9999-12-01", "--template", "services/orders/template.yaml",
            "--logical-id", "OrdersFunction", "--scan-type", "standard"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Is.EqualTo("policylint: error: --today '9999-12-01' leaves no room for an expiry 90 days later (the last date is 9999-12-31)\n"));
        Assert.That(repository.Read(LedgerPath), Is.EqualTo(Existing));
    }

    [Test]
    public void AnOwnerStartingWithAt_IsAValue_NotAResponseFile()
    {
        using var repository = Repository(Existing);

        var run = Add(repository, "--logical-id", "OrdersFunction", "--scan-type", "standard", "--ticket", "SEC-42", "--owner", "@acme/platform-team");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
        Assert.That(repository.Read(LedgerPath), Does.Contain("      team: \"@acme/platform-team\"\n"));
    }
}
