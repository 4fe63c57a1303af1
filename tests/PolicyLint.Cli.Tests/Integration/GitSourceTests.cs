using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Integration;

/// <summary>
/// <c>--staged</c> and <c>--rev</c> with the real git client: every input (templates, ledger, configuration, samconfig)
/// is read from git's objects, never from the working tree. Skipped, saying so, when git is not on PATH.
/// </summary>
public sealed class GitSourceTests
{
    private const string TaggedTemplate = """
        Resources:
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: worker
              Tags:
                InspectorExclusion: LambdaStandardScanning
        """;

    private const string Ledger = """
        version: 1
        exclusions:
          - target: { type: lambda, function_name: worker }
            scan_type: standard
            tag: { key: InspectorExclusion, value: LambdaStandardScanning }
            reason: { summary: Vendored binary scanned in the build, ticket: SEC-1 }
            owner: { team: platform, approved_by: security-lead, applied_by: dev }
            dates: { applied_at: 2026-11-01, expires_at: 2027-02-01, next_review_at: 2027-01-01 }
        """;

    private const string Ledger2 = "security/inspector-exclusions.yaml";

    private static TemporaryRepository NewRepository()
    {
        if (ExternalTool.OnPath("git") is null)
            ExternalTool.Missing("git is not on PATH (Debian: apt-get install git)");
        var repository = new TemporaryRepository();
        ExternalTool.Git(repository.Root, "init", "-q");
        return repository;
    }

    private static CliRun Lint(TemporaryRepository repository, params string[] args) =>
        CliRunner.Run(repository.Root, ["--today", CliRunner.Today, "--fail-level", "error", .. args]);

    /// <summary>The <c>path(line,col): severity ID</c> of each result line, PL4001 (no finding rule) left out.</summary>
    private static string[] Keys(CliRun run) =>
        [.. run.Stdout.Split('\n').Where(l => l.Contains("): ", StringComparison.Ordinal) && !l.Contains("PL4001", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf(": ", l.IndexOf("): ", StringComparison.Ordinal) + 3, StringComparison.Ordinal)])];

    [Test]
    public void Staged_AnUntrackedLedger_IsNotRead_SoTheExclusionIsUnrecorded()
    {
        using var repository = NewRepository();
        repository.Write("template.yaml", TaggedTemplate);
        repository.Write(Ledger2, Ledger);
        ExternalTool.Git(repository.Root, "add", "template.yaml");

        var workingTree = Lint(repository);
        var staged = Lint(repository, "--staged");

        Assert.That(workingTree.ExitCode, Is.EqualTo(ExitCodes.Success), workingTree.Stdout);
        Assert.That(Keys(staged), Is.EqualTo(new[] { "template.yaml(7,9): error PL1001" }), staged.Stdout + staged.Stderr);
        Assert.That(staged.ExitCode, Is.EqualTo(ExitCodes.Failure));

        Assert.That(staged.Stderr, Is.EqualTo(
            "policylint: note: security/inspector-exclusions.yaml: the ledger is in the working tree but not in the git index, so --staged read no ledger " +
            "(the commit would hold none); 'git add security/inspector-exclusions.yaml' if the commit should record its exclusions\n"));
        Assert.That(workingTree.Stderr, Is.Empty, "a working-tree lint reads the ledger it sees");

        ExternalTool.Git(repository.Root, "add", Ledger2);
        var added = Lint(repository, "--staged");
        Assert.That(added.ExitCode, Is.EqualTo(ExitCodes.Success), "once the ledger is staged the commit passes");
        Assert.That(added.Stderr, Is.Empty);
    }

    /// <summary>The new-user trial: each tag's value is one of a set known offline that holds the exclusion value
    /// (docs/conventions.md#c8), so the staged commit is refused with PL1001 at each tag key, not passed with PL0002.</summary>
    [Test]
    public void Staged_TagsWhoseValueMayBeTheExclusionValue_AreRefused()
    {
        using var repository = NewRepository();
        repository.Write("map.yaml", """
            Mappings:
              RegionMap:
                us-east-1: { scan: LambdaStandardScanning }
                eu-west-1: { scan: "off" }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: map-worker
                  Tags:
                    InspectorExclusion: !FindInMap [RegionMap, !Ref "AWS::Region", scan]
            """);
        repository.Write("allowed.yaml", """
            Parameters:
              ScanMode: { Type: String, AllowedValues: [LambdaStandardScanning] }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: param-worker
                  Tags:
                    InspectorExclusion: !Ref ScanMode
            """);
        repository.Write("select.yaml", """
            Parameters:
              Tier: { Type: String }
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: select-worker
                  Tags:
                    - Key: InspectorExclusion
                      Value: !Select [!Ref Tier, [LambdaStandardScanning, LambdaStandardScanning]]
            """);
        ExternalTool.Git(repository.Root, "add", "-A");

        var staged = Lint(repository, "--staged");

        Assert.That(Keys(staged).Where(k => !k.Contains("PL1003", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "allowed.yaml(9,9): error PL1001",
            "map.yaml(11,9): error PL1001",
            "select.yaml(9,11): error PL1001",
        }), staged.Stdout + staged.Stderr);
        Assert.That(staged.Stdout, Does.Contain("has exclusion tag 'InspectorExclusion' whose value may be 'LambdaStandardScanning' (Fn::FindInMap over RegionMap with an unknown AWS::Region)"));
        Assert.That(staged.Stdout, Does.Not.Contain("PL0002"));
        Assert.That(staged.ExitCode, Is.EqualTo(ExitCodes.Failure));
    }

    [Test]
    public void Staged_ALedgerWithUnstagedChanges_IsReadFromTheIndex_AndANoteSaysSo()
    {
        using var repository = NewRepository();
        repository.Write("template.yaml", TaggedTemplate);
        repository.Write(Ledger2, Ledger.Replace("function_name: worker", "function_name: other", StringComparison.Ordinal));
        ExternalTool.Git(repository.Root, "add", "-A");
        ExternalTool.Git(repository.Root, "commit", "-q", "-m", "the ledger records another function");
        repository.Write(Ledger2, Ledger);

        var staged = Lint(repository, "--staged");

        Assert.That(Keys(staged), Is.EqualTo(new[] { "security/inspector-exclusions.yaml(3,5): warning PL1002", "template.yaml(7,9): error PL1001" }), staged.Stdout);
        Assert.That(staged.Stderr, Is.EqualTo(
            "policylint: note: security/inspector-exclusions.yaml: the ledger has changes that are not staged, so --staged read the git index's version " +
            "(what the commit would hold); 'git add security/inspector-exclusions.yaml' to include them\n"));
        Assert.That(Lint(repository, "--rev", "HEAD").Stderr, Does.Not.Contain("note:"), "a commit is not compared with the working tree");
    }

    [Test]
    public void Staged_AnUntrackedScratchTemplate_IsNotRead()
    {
        using var repository = NewRepository();
        repository.Write("template.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
        ExternalTool.Git(repository.Root, "add", "template.yaml");
        repository.Write("scratch/template.yaml", TaggedTemplate);

        Assert.That(Keys(Lint(repository)), Is.EqualTo(new[] { "scratch/template.yaml(7,9): error PL1001" }));
        var staged = Lint(repository, "--staged");
        Assert.That(staged.ExitCode, Is.EqualTo(ExitCodes.Success), staged.Stdout + staged.Stderr);
        Assert.That(staged.Stdout, Does.EndWith("PolicyLint: 0 errors, 0 warnings, 0 info in 1 file\n"));
    }

    [Test]
    public void Staged_ReadsStagedContent_AndStagedDeletions_NotTheWorkingTree()
    {
        using var repository = NewRepository();
        repository.Write("template.yaml", TaggedTemplate);
        repository.Write(Ledger2, Ledger);
        ExternalTool.Git(repository.Root, "add", "-A");
        ExternalTool.Git(repository.Root, "commit", "-q", "-m", "tagged and recorded");
        // The ledger is deleted in the index but still in the working tree; the template gains a line in the index only.
        ExternalTool.Git(repository.Root, "rm", "-q", "--cached", Ledger2);
        repository.Write("template.yaml", "# staged comment\n" + TaggedTemplate);
        ExternalTool.Git(repository.Root, "add", "template.yaml");
        repository.Write("template.yaml", TaggedTemplate);

        Assert.That(Lint(repository).ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(Keys(Lint(repository, "--staged")), Is.EqualTo(new[] { "template.yaml(8,9): error PL1001" }), "the staged text's line, without the ledger");
        Assert.That(Lint(repository, "--rev", "HEAD").ExitCode, Is.EqualTo(ExitCodes.Success), "the last commit has both");
    }

    [Test]
    public void Staged_ReadsTheConfigurationFromTheIndex()
    {
        using var repository = NewRepository();
        repository.Write("template.yaml", "Resources:\n  Worker:\n    Type: AWS::Lambda::Function\n    Properties:\n      KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/example\n");
        repository.Write(".policylint.yaml", "rules:\n  PL2001:\n    severity: error\n");
        ExternalTool.Git(repository.Root, "add", "-A");
        repository.Write(".policylint.yaml", "rules:\n  PL2001:\n    severity: none\n");
        repository.Write(".editorconfig", "[*]\ndotnet_diagnostic.PL2001.severity = none\n");

        Assert.That(Keys(Lint(repository)), Is.Empty);
        Assert.That(Keys(Lint(repository, "--staged")), Is.EqualTo(new[] { "template.yaml(5,7): error PL2001" }));
    }

    [Test]
    public void Rev_LintsACommit_FromASubfolderRoot()
    {
        using var repository = NewRepository();
        repository.Write("app/template.yaml", TaggedTemplate);
        repository.Write("app/" + Ledger2, Ledger);
        ExternalTool.Git(repository.Root, "add", "-A");
        ExternalTool.Git(repository.Root, "commit", "-q", "-m", "recorded");
        ExternalTool.Git(repository.Root, "rm", "-q", "app/" + Ledger2);
        ExternalTool.Git(repository.Root, "commit", "-q", "-m", "ledger deleted");
        ExternalTool.Git(repository.Root, "branch", "recorded", "HEAD~1");

        var root = Path.Combine(repository.Root, "app");
        Assert.That(Keys(Lint(repository, "--root", root, "--rev", "HEAD")), Is.EqualTo(new[] { "template.yaml(7,9): error PL1001" }));
        Assert.That(Lint(repository, "--root", root, "--rev", "recorded").ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(Keys(Lint(repository, "--root", root, "--staged")), Is.EqualTo(new[] { "template.yaml(7,9): error PL1001" }));
    }

    [Test]
    public void Staged_IntentToAddLedger_IsNotInTheCommit_AndSymbolicLinksInGitAreFollowedInsideTheTree()
    {
        using var repository = NewRepository();
        repository.Write("stacks/real.yaml", TaggedTemplate);
        File.CreateSymbolicLink(Path.Combine(repository.Root, "template.yaml"), "stacks/real.yaml");
        File.CreateSymbolicLink(Path.Combine(repository.Root, "outside.yaml"), "/etc/hostname");
        repository.Write(Ledger2, Ledger);
        ExternalTool.Git(repository.Root, "add", "stacks/real.yaml", "template.yaml", "outside.yaml");
        ExternalTool.Git(repository.Root, "add", "-N", Ledger2);

        var staged = Lint(repository, "--staged");

        Assert.That(Keys(staged), Is.EqualTo(new[] { "stacks/real.yaml(7,9): error PL1001", "template.yaml(7,9): error PL1001" }), staged.Stdout);
        Assert.That(staged.Stderr, Does.Contain("policylint: warning: outside.yaml: Skipped: a symbolic link that leaves the git index ('/etc/hostname')"));
    }

    [Test]
    public void Errors_AreUsageErrors()
    {
        using var plain = new TemporaryRepository();
        var outside = CliRunner.Run(plain.Root, "--staged");
        Assert.That((outside.ExitCode, outside.Stderr), Is.EqualTo((ExitCodes.UsageError, $"policylint: error: --staged: '{plain.Root}' is not in a git work tree (not a git repository (or any of the parent directories): .git)\n")));

        using var repository = NewRepository();
        repository.Write("template.yaml", TaggedTemplate);
        ExternalTool.Git(repository.Root, "add", "-A");
        ExternalTool.Git(repository.Root, "commit", "-q", "-m", "one");

        var unknown = Lint(repository, "--rev", "no-such-branch");
        Assert.That(unknown.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(unknown.Stderr, Does.StartWith("policylint: error: --rev: 'no-such-branch' is not a commit of this git repository ("));
        var option = Lint(repository, "--rev", "--output=/tmp/x");
        Assert.That(option.ExitCode, Is.EqualTo(ExitCodes.UsageError), "a revision that looks like an option is not one");
        var both = Lint(repository, "--staged", "--rev", "HEAD");
        Assert.That(both.Stderr, Is.EqualTo("policylint: error: --staged and --rev cannot be used together (one analyzes the git index, the other a commit)\n"));
        var missingPath = Lint(repository, "--staged", "--root", ".", "nothere.yaml");
        repository.Write("nothere.yaml", "a: 1\n");
        Assert.That(Lint(repository, "--staged", "--root", ".", "nothere.yaml").Stderr, Is.EqualTo("policylint: error: PATH 'nothere.yaml' does not exist in the git index\n"));
        Assert.That(missingPath.ExitCode, Is.EqualTo(ExitCodes.UsageError));
    }

    [Test]
    public void Staged_UnmergedIndex_IsAUsageError()
    {
        using var repository = NewRepository();
        repository.Write("template.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
        ExternalTool.Git(repository.Root, "add", "-A");
        ExternalTool.Git(repository.Root, "commit", "-q", "-m", "base");
        ExternalTool.Git(repository.Root, "checkout", "-q", "-b", "other");
        repository.Write("template.yaml", "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n");
        ExternalTool.Git(repository.Root, "commit", "-q", "-am", "other");
        ExternalTool.Git(repository.Root, "checkout", "-q", "-");
        repository.Write("template.yaml", "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n");
        ExternalTool.Git(repository.Root, "commit", "-q", "-am", "mine");
        ExternalTool.Run("git", repository.Root, null, "merge", "-q", "other");

        var run = Lint(repository, "--staged");

        Assert.That((run.ExitCode, run.Stderr), Is.EqualTo((ExitCodes.UsageError,
            "policylint: error: --staged: the git index has unmerged entries (a merge in progress): template.yaml; resolve them and 'git add' them first\n")));
    }
}
