using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary>docs/conventions.md#c13: 0 when no unsuppressed result is at or above the fail level (default error), 1 when one is.</summary>
public sealed class ExitCodeTests
{
    private const string WarningsOnlyTemplate = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: worker
              KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/example
        """;

    private const string NoteOnlyTemplate = """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          KeyArn: { Type: String }
        Resources:
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

    [TestCase(null, ExitCodes.Failure)]
    [TestCase("error", ExitCodes.Failure)]
    [TestCase("warning", ExitCodes.Failure)]
    [TestCase("note", ExitCodes.Failure)]
    [TestCase("none", ExitCodes.Success)]
    public void ErrorResult(string? failLevel, int expected) =>
        Assert.That(Run(CliRunner.Samples("inspector-problems"), failLevel), Is.EqualTo(expected));

    [TestCase(null, ExitCodes.Success)]
    [TestCase("error", ExitCodes.Success)]
    [TestCase("warning", ExitCodes.Failure)]
    [TestCase("note", ExitCodes.Failure)]
    [TestCase("none", ExitCodes.Success)]
    public void WarningResultsOnly(string? failLevel, int expected)
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", WarningsOnlyTemplate);

        Assert.That(Run(repository.Root, failLevel, "PolicyLint: 0 errors, 2 warnings, 0 info in 1 file\n"), Is.EqualTo(expected));
    }

    [TestCase(null, ExitCodes.Success)]
    [TestCase("error", ExitCodes.Success)]
    [TestCase("warning", ExitCodes.Success)]
    [TestCase("note", ExitCodes.Failure)]
    [TestCase("none", ExitCodes.Success)]
    public void NoteResultOnly(string? failLevel, int expected)
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", NoteOnlyTemplate);

        Assert.That(Run(repository.Root, failLevel, "PolicyLint: 0 errors, 0 warnings, 1 info in 1 file\n"), Is.EqualTo(expected));
    }

    [Test]
    public void TurningARuleOff_ChangesNeitherThePL0001ResultsNorTheExitCode()
    {
        // An invalid form in a KmsKeyArn, which only PL2001 reads, and one in an IAM policy, which no rule reads.
        const string template = """
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  FunctionName: orders-worker
                  KmsKeyArn: !GetAtt WorkerKey
              WorkerRole:
                Type: AWS::IAM::Role
                Properties:
                  Policies: [{PolicyName: !Join [only-one], PolicyDocument: {}}]
            """;
        using var enabled = new TemporaryRepository();
        enabled.Write("template.yaml", template);
        using var disabled = new TemporaryRepository();
        disabled.Write("template.yaml", template);
        disabled.Write(".policylint.yaml", "rules:\n  PL2001:\n    severity: none\n");

        var withRule = CliRunner.Run(enabled.Root, "--today", CliRunner.Today, "--format", "gnu", enabled.Root);
        var withoutRule = CliRunner.Run(disabled.Root, "--today", CliRunner.Today, "--format", "gnu", disabled.Root);

        static string[] Pl0001(CliRun run) => [.. run.Stdout.Split('\n').Where(l => l.EndsWith("[PL0001]", StringComparison.Ordinal))];
        Assert.Multiple(() =>
        {
            Assert.That(Pl0001(withRule), Is.EqualTo(new[]
            {
                "template.yaml:6:18: error: Invalid Fn::GetAtt: Fn::GetAtt string form needs 'LogicalId.Attribute'; this string has no attribute [PL0001]",
                "template.yaml:10:31: error: Invalid Fn::Join: Fn::Join takes [delimiter, [values]] [PL0001]",
            }));
            Assert.That(Pl0001(withoutRule), Is.EqualTo(Pl0001(withRule)));
            Assert.That(withoutRule.ExitCode, Is.EqualTo(withRule.ExitCode).And.EqualTo(ExitCodes.Failure));
        });
    }

    [TestCase(null)]
    [TestCase("error")]
    [TestCase("warning")]
    [TestCase("note")]
    [TestCase("none")]
    public void NoResult_ExitsZero(string? failLevel) =>
        Assert.That(Run(CliRunner.Samples("inspector-basic"), failLevel), Is.EqualTo(ExitCodes.Success));

    private static int Run(string root, string? failLevel, string? expectedSummary = null)
    {
        var run = CliRunner.Lint(failLevel is null ? [root] : ["--fail-level", failLevel, root]);
        Assert.That(run.Stderr, Is.Empty);
        if (expectedSummary is not null)
            Assert.That(run.Stdout, Does.EndWith(expectedSummary));
        return run.ExitCode;
    }
}
