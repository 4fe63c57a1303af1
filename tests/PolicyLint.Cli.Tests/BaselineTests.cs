using System.Text.Json;
using NUnit.Framework;
using PolicyLint.Cli.Tests.Integration;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary><c>--baseline</c> and <c>--new-only</c>: results compared by fingerprint with an earlier run's SARIF.</summary>
public sealed class BaselineTests
{
    private const string FindingRule = """
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

    /// <summary>Before: PL1001 on Tagged (error) and PL2001 on Vault (warning).</summary>
    private const string Before = $$"""
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Tagged:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: tagged
              Tags: { InspectorExclusion: LambdaStandardScanning }
          Vault:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: vault
              KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/vault
        {{FindingRule}}
        """;

    /// <summary>After: lines added above move Tagged's PL1001 down; Vault no longer has a key (its PL2001 is gone); the
    /// new function Cards has one (a new PL2001).</summary>
    private const string After = $$"""
        AWSTemplateFormatVersion: "2010-09-09"
        Transform: AWS::Serverless-2016-10-31
        Description: >-
          Card services. These lines move every result below them.
        Resources:
          Tagged:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: tagged
              Tags: { InspectorExclusion: LambdaStandardScanning }
          Vault:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: vault
          Cards:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: cards
              KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/cards
        {{FindingRule}}
        """;

    private const string CardsLine = "template.yaml(19,7): warning PL2001: Function 'Cards' (deployed as 'cards') sets a customer managed KMS key (KmsKeyArn is 'arn:aws:kms:eu-west-1:111122223333:key/cards'), which encrypts its environment variables and SnapStart snapshots, not its deployment package; Amazon Inspector documents that it does not scan Lambda functions encrypted with customer managed keys without naming the property, so whether this key alone stops scanning is unverified";

    private static (TemporaryRepository Repository, TemporaryRepository Output, string Baseline) WithBaseline()
    {
        var repository = new TemporaryRepository();
        var output = new TemporaryRepository();
        repository.Write("template.yaml", Before);
        var baseline = Path.Combine(output.Root, "baseline.sarif");
        var first = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--sarif", baseline, repository.Root);
        Assert.That(first.Stdout, Does.EndWith("PolicyLint: 1 error, 1 warning, 0 info in 1 file\n"));
        SarifSchema.AssertValid(File.ReadAllText(baseline));
        repository.Write("template.yaml", After);
        return (repository, output, baseline);
    }

    [Test]
    public void RoundTrip_OnlyTheNewResultIsNew_TheMovedOneUnchanged_TheRemovedOneAbsent()
    {
        var (repository, output, baseline) = WithBaseline();
        using (repository)
        using (output)
        {
            var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--format", "sarif", "--baseline", baseline, repository.Root);

            using var sarif = run.Sarif();
            Assert.That(CliRunner.Results(sarif).Select(State), Is.EqualTo(new[]
            {
                "PL1001 template.yaml 10:15 unchanged",
                "PL2001 template.yaml 19:7 new",
                "PL2001 template.yaml 12:7 absent",
            }));
            var absent = CliRunner.Results(sarif).Last();
            Assert.That(absent.GetProperty("message").GetProperty("text").GetString(), Does.StartWith("Function 'Vault' (deployed as 'vault')"));
            Assert.That(absent.GetProperty("suppressions").GetArrayLength(), Is.Zero);
            var rules = sarif.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules");
            Assert.That(rules[absent.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString(), Is.EqualTo("PL2001"));
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure), "without --new-only every current result counts");
        }
    }

    [Test]
    public void NewOnly_ReportsOnlyNewResults_AndTheExitCodeCountsOnlyThose()
    {
        var (repository, output, baseline) = WithBaseline();
        using (repository)
        using (output)
        {
            var text = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--baseline", baseline, "--new-only", repository.Root);
            var failOnWarning = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--baseline", baseline, "--new-only", "--fail-level", "warning", repository.Root);
            var sarifRun = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--baseline", baseline, "--new-only", "--format", "sarif", repository.Root);
            var all = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--baseline", baseline, repository.Root);

            Assert.That(text.Stdout, Is.EqualTo($"{CardsLine}\nPolicyLint: 0 errors, 1 warning, 0 info in 1 file\n"));
            Assert.That(text.ExitCode, Is.EqualTo(ExitCodes.Success), "the unchanged PL1001 error does not count");
            Assert.That(failOnWarning.ExitCode, Is.EqualTo(ExitCodes.Failure));
            using var sarif = sarifRun.Sarif();
            Assert.That(CliRunner.Results(sarif).Select(State), Is.EqualTo(new[] { "PL2001 template.yaml 19:7 new" }));
            Assert.That(all.Stdout, Does.EndWith("PolicyLint: 1 error, 1 warning, 0 info in 1 file\n"));
            Assert.That(all.ExitCode, Is.EqualTo(ExitCodes.Failure));
        }
    }

    [Test]
    public void NewOnly_WithoutBaseline_IsAUsageError()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Before);

        var run = CliRunner.Run(repository.Root, "--new-only", repository.Root);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Is.EqualTo("policylint: error: --new-only needs --baseline FILE\n"));
    }

    [TestCase("{\"version\": \"2.1.0\", \"runs\": []}", "is not a SARIF log with a run")]
    public void Baseline_ThatIsNotSarif_IsAUsageError(string content, string expected)
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Before);
        using var output = new TemporaryRepository();
        var baseline = output.Write("baseline.sarif", content);

        var run = CliRunner.Run(repository.Root, "--baseline", baseline, repository.Root);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Does.StartWith($"policylint: error: --baseline '{baseline}' {expected}"));
        Assert.That(run.Stdout, Is.Empty);
    }

    /// <summary>A file that is no SARIF log (a template given by mistake, broken JSON, JSON of another shape) is one
    /// line in the form of a result, at the 1-based line and column where reading stopped, without the JSON reader's
    /// own wording (<c>Path: $ | LineNumber: 0 | BytePositionInLine: 0.</c>).</summary>
    [TestCase("template.yaml", null, "template.yaml(1,1): error: --baseline is not a SARIF log: not JSON ('T' is an invalid start of a value)")]
    [TestCase("broken.sarif", "{\n  \"version\": \"2.1.0\",\n  \"runs\": [,]\n}\n", "broken.sarif(3,12): error: --baseline is not a SARIF log: not JSON (',' is an invalid start of a value)")]
    [TestCase("accents.sarif", "{\"é\": é}", "accents.sarif(1,7): error: --baseline is not a SARIF log: not JSON ('0xC3' is an invalid start of a value)")]
    [TestCase("empty.sarif", "", "empty.sarif(1,1): error: --baseline is not a SARIF log: not JSON (The input does not contain any JSON tokens)")]
    [TestCase("shape.sarif", "{\n  \"version\": \"2.1.0\",\n  \"runs\": 5\n}\n", "shape.sarif(3,12): error: --baseline is not a SARIF log: the JSON at $.runs does not have the form SARIF gives it")]
    public void Baseline_ThatIsNoSarifLog_IsAUsageError_AtItsLineAndColumn(string name, string? content, string expected)
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Before);
        if (content is not null)
            repository.Write(name, content);

        var run = CliRunner.Run(repository.Root, "--baseline", name, "--today", "2026-11-29", ".");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Is.EqualTo(expected + "\n"));
        Assert.That(run.Stdout, Is.Empty);
    }

    /// <summary>A baseline that is a FIFO, a device or a folder is refused before it is read (second new-user trial of
    /// 2026-12-07: /dev/zero aborted with "Out of memory", a FIFO hung until killed).</summary>
    [TestCase("fifo.sarif", "a FIFO (named pipe), not a regular file")]
    [TestCase("/dev/zero", "a character device, not a regular file")]
    [TestCase("folder.sarif", "a folder, not a regular file")]
    public void Baseline_ThatIsNoRegularFile_IsAUsageError_NotReadAtAll(string name, string what)
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Before);
        Directory.CreateDirectory(Path.Combine(repository.Root, "folder.sarif"));
        var (exitCode, output) = ExternalTool.Run("mkfifo", repository.Root, null, "fifo.sarif");
        Assert.That(exitCode, Is.Zero, output);

        var run = CliRunner.Run(repository.Root, "--baseline", name, "--today", "2026-11-29", ".");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Is.EqualTo($"policylint: error: --baseline '{name}' cannot be read as SARIF: {what}\n"));
    }

    [Test]
    public void Baseline_ThatDoesNotExist_IsAUsageError()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Before);
        var missing = Path.Combine(repository.Root, "missing.sarif");

        var run = CliRunner.Run(repository.Root, "--baseline", missing, repository.Root);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Does.StartWith($"policylint: error: --baseline '{missing}' cannot be read as SARIF: "));
    }

    private static string State(JsonElement result)
    {
        var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        var region = physical.GetProperty("region");
        return $"{result.GetProperty("ruleId").GetString()} {physical.GetProperty("artifactLocation").GetProperty("uri").GetString()} " +
               $"{region.GetProperty("startLine").GetInt32()}:{region.GetProperty("startColumn").GetInt32()} {result.GetProperty("baselineState").GetString()}";
    }
}
