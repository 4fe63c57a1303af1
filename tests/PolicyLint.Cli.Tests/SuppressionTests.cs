using System.Text.Json;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary>In-source suppressions on the command line (docs/conventions.md#c13, docs/conventions.md#c14): hidden in text unless <c>--show-suppressed</c>,
/// counted apart, never in the exit code; kept in SARIF with <c>suppressions</c> unless <c>--omit-suppressed</c>.</summary>
public sealed class SuppressionTests
{
    /// <summary>A suppressed error (PL1001), a suppressed warning with an expiry (PL2001) and an unsuppressed note
    /// (PL0002); the finding rule keeps PL4001 away.</summary>
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          KeyArn: { Type: String }
        Resources:
          Tagged:
            Type: AWS::Serverless::Function
            Metadata:
              policylint:
                suppress:
                  - id: PL1001
                    justification: Test fixture of the tagging pipeline; never deployed
            Properties:
              FunctionName: tagged
              Tags:
                InspectorExclusion: LambdaStandardScanning
          Vault:
            Type: AWS::Serverless::Function
            Metadata:
              policylint:
                suppress:
                  - id: PL2001
                    justification: PCI scope requires our own key (SEC-1234)
                    expires: 2027-03-31
            Properties:
              FunctionName: vault
              KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/example
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: worker
              KmsKeyArn: !Ref KeyArn
          FindingRule:
            Type: AWS::Events::Rule
            Properties:
              EventPattern:
                source: [aws.inspector2]
                detail-type: [Inspector2 Finding]
              Targets:
                - Id: Log
                  Arn: arn:aws:logs:eu-west-1:111122223333:log-group:findings
        """;

    private const string TaggedLine = "template.yaml(15,9): error PL1001: Function 'Tagged' (deployed as 'tagged') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml";
    private const string VaultLine = "template.yaml(26,7): warning PL2001: Function 'Vault' (deployed as 'vault') sets a customer managed KMS key (KmsKeyArn is 'arn:aws:kms:eu-west-1:111122223333:key/example'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified";
    private const string WorkerLine = "template.yaml(31,7): info PL0002: Cannot decide whether function 'Worker' (deployed as 'worker') uses a customer managed key (KmsKeyArn): parameter 'KeyArn' has no default";

    private static CliRun Lint(params string[] args)
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        return CliRunner.Run(repository.Root, ["--today", CliRunner.Today, .. args, repository.Root]);
    }

    [Test]
    public void Text_HidesSuppressedResults_AndCountsThemApart()
    {
        var run = Lint();

        Assert.That(run.Stdout, Is.EqualTo($"{WorkerLine}\nPolicyLint: 0 errors, 0 warnings, 1 info in 1 file (2 suppressed)\n"));
        Assert.That(run.Stderr, Is.EqualTo(
            "policylint: warning: template.yaml: the suppression at line 10 accepts 1 result of PL1001 (Exclusion tag has no ledger entry), a rule that fails a commit: it is not counted (--show-suppressed prints it)\n"),
            "an accepted error of the gate is said in every run; the accepted PL2001 (a warning by default) is only counted");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void Text_ShowSuppressed_PrintsThemMarkedWithTheirJustification()
    {
        var run = Lint("--show-suppressed");

        Assert.That(run.Stdout, Is.EqualTo(
            $"{TaggedLine} [suppressed: Test fixture of the tagging pipeline; never deployed]\n" +
            $"{VaultLine} [suppressed: PCI scope requires our own key (SEC-1234)]\n" +
            $"{WorkerLine}\n" +
            "PolicyLint: 0 errors, 0 warnings, 1 info in 1 file (2 suppressed)\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void Sarif_KeepsSuppressedResults_EveryResultHasSuppressions_AndIsSchemaValid()
    {
        var run = Lint("--format", "sarif");

        using var sarif = run.Sarif();
        var results = CliRunner.Results(sarif).ToList();
        Assert.That(CliRunner.ResultKeys(sarif), Is.EqualTo(new[] { "PL1001 template.yaml 15:9", "PL2001 template.yaml 26:7", "PL0002 template.yaml 31:7" }));
        Assert.That(results.Select(r => r.GetProperty("level").GetString()), Is.EqualTo(new[] { "error", "warning", "note" }));
        Assert.That(Suppressions(results[0]), Is.EqualTo("""[{"kind":"inSource","status":"accepted","justification":"Test fixture of the tagging pipeline; never deployed","location":{"physicalLocation":{"artifactLocation":{"uri":"template.yaml","uriBaseId":"%SRCROOT%"},"region":{"startLine":10,"startColumn":13,"endLine":10,"endColumn":15}}}}]"""));
        Assert.That(Suppressions(results[1]), Is.EqualTo("""[{"kind":"inSource","status":"accepted","justification":"PCI scope requires our own key (SEC-1234)","location":{"physicalLocation":{"artifactLocation":{"uri":"template.yaml","uriBaseId":"%SRCROOT%"},"region":{"startLine":21,"startColumn":13,"endLine":21,"endColumn":15}}},"properties":{"expiryUtc":"2027-03-31T23:59:59Z"}}]"""));
        Assert.That(Suppressions(results[2]), Is.EqualTo("[]"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void Sarif_OmitSuppressed_DropsThem_TextIsUnchanged()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        using var output = new TemporaryRepository();
        var sarifPath = Path.Combine(output.Root, "out.sarif");

        var sarif = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--format", "sarif", "--omit-suppressed", repository.Root);
        var text = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--omit-suppressed", "--sarif", sarifPath, repository.Root);

        using var document = sarif.Sarif();
        Assert.That(CliRunner.ResultKeys(document), Is.EqualTo(new[] { "PL0002 template.yaml 31:7" }));
        Assert.That(Suppressions(CliRunner.Results(document).Single()), Is.EqualTo("[]"));
        SarifSchema.AssertValid(File.ReadAllText(sarifPath));
        Assert.That(File.ReadAllText(sarifPath), Is.EqualTo(sarif.Stdout));
        Assert.That(text.Stdout, Is.EqualTo($"{WorkerLine}\nPolicyLint: 0 errors, 0 warnings, 1 info in 1 file (2 suppressed)\n"));
    }

    [Test]
    public void Json_MarksSuppressedResultsAndCountsThem()
    {
        var run = Lint("--format", "json");

        using var json = JsonDocument.Parse(run.Stdout);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Select(r => (r.GetProperty("id").GetString(), r.GetProperty("suppressed").GetBoolean())), Is.EqualTo(new[]
        {
            ("PL1001", true), ("PL2001", true), ("PL0002", false),
        }));
        Assert.That(results[1].GetProperty("justification").GetString(), Is.EqualTo("PCI scope requires our own key (SEC-1234)"));
        Assert.That(results[2].TryGetProperty("justification", out _), Is.False);
        var summary = json.RootElement.GetProperty("summary");
        Assert.That(new[] { "errors", "warnings", "notes", "suppressed", "files" }.Select(k => summary.GetProperty(k).GetInt32()), Is.EqualTo(new[] { 0, 0, 1, 2, 1 }));
    }

    [TestCase(null, ExitCodes.Success)]
    [TestCase("error", ExitCodes.Success)]
    [TestCase("warning", ExitCodes.Success)]
    [TestCase("note", ExitCodes.Failure)]
    [TestCase("none", ExitCodes.Success)]
    public void ExitCode_CountsOnlyUnsuppressedResults(string? failLevel, int expected) =>
        Assert.That(Lint(failLevel is null ? [] : ["--fail-level", failLevel]).ExitCode, Is.EqualTo(expected));

    [TestCase(null)]
    [TestCase("error")]
    [TestCase("warning")]
    [TestCase("note")]
    [TestCase("none")]
    public void ExitCode_IsZeroAtEveryFailLevel_WhenEveryResultIsSuppressed(string? failLevel)
    {
        // An empty KeyArn sets no key, so Worker has no result left.
        var run = Lint(["--parameter", "KeyArn=", .. failLevel is null ? Array.Empty<string>() : ["--fail-level", failLevel]]);

        Assert.That(run.Stdout, Is.EqualTo("PolicyLint: 0 errors, 0 warnings, 0 info in 1 file (2 suppressed)\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void ExpiredSuppression_TheResultReturnsAndCounts()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);

        var run = CliRunner.Run(repository.Root, "--today", "2027-04-01", "--fail-level", "warning", repository.Root);

        Assert.That(run.Stdout, Is.EqualTo(
            $"{VaultLine} (its suppression expired on 2027-03-31 and no longer applies)\n" +
            $"{WorkerLine}\n" +
            "PolicyLint: 0 errors, 1 warning, 1 info in 1 file (1 suppressed)\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure));
    }

    private static string Suppressions(JsonElement result) =>
        JsonSerializer.Serialize(result.GetProperty("suppressions"));

    [Test]
    public void OneSuppressionAcceptingSeveralErrors_IsOneWarning_InPathThenLineOrder()
    {
        using var repository = new TemporaryRepository();
        repository.Write("b/template.yaml", """
            Metadata:
              policylint:
                suppress:
                  - id: PL1001
                    justification: Fixtures of the tagging pipeline; never deployed
            Resources:
              One:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: one, Tags: { InspectorExclusion: LambdaStandardScanning } }
              Two:
                Type: AWS::Serverless::Function
                Properties: { FunctionName: two, Tags: { InspectorExclusion: LambdaStandardScanning } }
            """);
        repository.Write("a/template.yaml", """
            Resources:
              Three:
                Type: AWS::Serverless::Function
                Metadata: { policylint: { suppress: [ { id: PL1001, justification: Fixture } ] } }
                Properties: { FunctionName: three, Tags: { InspectorExclusion: LambdaStandardScanning } }
            """);

        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--fail-level", "warning", repository.Root);

        Assert.That(run.Stderr, Is.EqualTo(
            "policylint: warning: a/template.yaml: the suppression at line 4 accepts 1 result of PL1001 (Exclusion tag has no ledger entry), a rule that fails a commit: it is not counted (--show-suppressed prints it)\n" +
            "policylint: warning: b/template.yaml: the suppression at line 4 accepts 2 results of PL1001 (Exclusion tag has no ledger entry), a rule that fails a commit: they are not counted (--show-suppressed prints them)\n"));
    }
}
