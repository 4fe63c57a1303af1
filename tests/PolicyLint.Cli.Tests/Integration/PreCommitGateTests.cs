using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Integration;

/// <summary>
/// The gate, proved with the real clients: the hook of this repository (<c>.pre-commit-hooks.yaml</c>) installed by
/// Debian's <c>pre-commit</c> with <c>pre-commit install</c> in a throw-away repository, and real <c>git commit</c>s
/// through each way a commit could slip past it (issue 10): a ledger <c>ledger add</c> created but nobody staged, a
/// commit that only deletes the ledger, an unrecorded exclusion on a function without a static name (PL1005), an
/// unedited <c>ledger add</c> entry (placeholders, PL3004), a UTF-16 template, a tree with no template, and a mismatch
/// in the <c>prod</c> samconfig environment only. Each is refused with the rule ID and location asserted exactly; a
/// correct commit passes and shows its warnings.
/// </summary>
/// <remarks>
/// As a consumer does, <c>.pre-commit-config.yaml</c> names a <c>repo:</c> and a <c>rev:</c>: the repository under test,
/// committed as it is now (tracked and untracked files) to a temporary clone, and that commit's SHA. One
/// <c>PRE_COMMIT_HOME</c> serves every test, so pre-commit packs and installs the tool once. Ledger dates are relative
/// to the real date, since a hook never passes <c>--today</c>. Skipped, saying so, when pre-commit or git is not on
/// PATH (<c>.ci/run</c> installs them).
/// </remarks>
[NonParallelizable]
public sealed partial class PreCommitGateTests
{
    private const string Ledger = "security/inspector-exclusions.yaml";

    /// <summary>A function with a static name and the standard scanning exclusion tag (the tag key at 7:9).</summary>
    private const string TaggedTemplate = """
        Resources:
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: worker
              Tags:
                InspectorExclusion: LambdaStandardScanning

        """;

    /// <summary>A function without <c>FunctionName</c> (CloudFormation names it) and the tag (7:9).</summary>
    private const string UnnamedTemplate = """
        Resources:
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              Handler: index.handler
              Tags:
                InspectorExclusion: LambdaStandardScanning

        """;

    /// <summary>A function named after its stage (the tag at 12:9), deployed as dev and prod.</summary>
    private const string StagedTemplate = """
        Transform: AWS::Serverless-2016-10-31
        Parameters:
          Stage:
            Type: String
            Default: dev
        Resources:
          Api:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: !Sub myapp-api-${Stage}
              Tags:
                InspectorExclusion: LambdaStandardScanning

        """;

    private const string StagesSamConfig = """
        version = 0.1
        [dev.deploy.parameters]
        stack_name = "myapp-dev"
        parameter_overrides = "Stage=dev"
        [prod.deploy.parameters]
        stack_name = "myapp-prod"
        parameter_overrides = "Stage=prod"

        """;

    private TemporaryRepository? _snapshot;
    private TemporaryRepository? _home;
    private string? _revision;

    [OneTimeSetUp]
    public void CommitTheWorkingTree()
    {
        if (ExternalTool.OnPath("pre-commit") is null || ExternalTool.OnPath("git") is null)
            return;
        _snapshot = ExternalTool.CommittedCopy(RepositoryPaths.Root, ExternalTool.WorkingTreeFiles(RepositoryPaths.Root));
        _revision = ExternalTool.Git(_snapshot.Root, "rev-parse", "HEAD").Trim();
        _home = new TemporaryRepository();
    }

    [OneTimeTearDown]
    public void Delete()
    {
        _snapshot?.Dispose();
        _home?.Dispose();
    }

    [Test]
    public void UntrackedLedger_CreatedByLedgerAdd_IsNotTheCommits_SoPL1001()
    {
        using var repository = Consumer();
        repository.Write("template.yaml", TaggedTemplate);
        var add = CliRunner.Run(repository.Root, "ledger", "add", "--template", "template.yaml", "--logical-id", "Worker", "--scan-type", "standard", "--ticket", "SEC-1", "--owner", "platform");
        Assert.That(add.ExitCode, Is.EqualTo(ExitCodes.Success), add.Stderr);
        Assert.That(CliRunner.Run(repository.Root, "--today", CliRunner.Today).Stdout, Does.Not.Contain("PL1001"), "the working tree has the entry");
        ExternalTool.Git(repository.Root, "add", "template.yaml");

        var (exitCode, output) = Commit(repository);

        AssertRefused(exitCode, output, 1, "template.yaml(7,9): error PL1001");
        Assert.That(Head(repository), Is.EqualTo("base"), "no commit was made");
    }

    [Test]
    public void DeletionOnlyCommit_OfTheLedger_IsChecked_SoPL1001()
    {
        using var repository = Consumer(("template.yaml", TaggedTemplate), (Ledger, CompleteLedger("function_name: worker", expiresInDays: 60)));
        ExternalTool.Git(repository.Root, "rm", "-q", Ledger);

        var (exitCode, output) = Commit(repository);

        AssertRefused(exitCode, output, 1, "template.yaml(7,9): error PL1001");
    }

    [Test]
    public void UnrecordedExclusion_OnAFunctionWithoutStaticName_IsPL1005_AnError()
    {
        using var repository = Consumer();
        repository.Write("template.yaml", UnnamedTemplate);
        ExternalTool.Git(repository.Root, "add", "-A");

        var (exitCode, output) = Commit(repository);

        AssertRefused(exitCode, output, 1, "template.yaml(7,9): error PL1005");
    }

    [Test]
    public void LedgerAddEntry_Unedited_IsRefused_PL3004AtEachPlaceholdersKey()
    {
        using var repository = Consumer();
        repository.Write("template.yaml", TaggedTemplate);
        var add = CliRunner.Run(repository.Root, "ledger", "add", "--template", "template.yaml", "--logical-id", "Worker", "--scan-type", "standard");
        Assert.That(add.ExitCode, Is.EqualTo(ExitCodes.Success), add.Stderr);
        ExternalTool.Git(repository.Root, "add", "-A");
        var ledger = repository.Read(Ledger).Split('\n');
        string[] placeholders =
        [
            .. ledger.Select((line, i) => (Line: i + 1, Column: line.Length - line.TrimStart(' ').Length + 1, Text: line))
                .Where(l => Placeholder().IsMatch(l.Text))
                .Select(l => $"{Ledger}({l.Line},{l.Column}): error PL3004"),
        ];
        Assert.That(placeholders, Has.Length.EqualTo(4), "summary, ticket, team and approved_by are placeholders");

        var (exitCode, output) = Commit(repository);

        AssertRefused(exitCode, output, 1, placeholders);
    }

    [Test]
    public void Utf16Template_WithAnExclusionTag_IsRead_SoPL1001()
    {
        using var repository = Consumer();
        repository.WriteBytes("template.yaml", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(TaggedTemplate)]);
        ExternalTool.Git(repository.Root, "add", "-A");

        var (exitCode, output) = Commit(repository);

        AssertRefused(exitCode, output, 1, "template.yaml(7,9): error PL1001");
    }

    [Test]
    public void CommitWithNoTemplate_IsRefused_WithExitCode2()
    {
        using var repository = Consumer();
        repository.Write("NOTES.txt", "The templates live in another repository.\n");
        repository.Write("app/config.yaml", "Resources: none here\n");
        ExternalTool.Git(repository.Root, "add", "-A");

        var (exitCode, output) = Commit(repository);

        Assert.That(exitCode, Is.Not.Zero, output);
        Assert.That(output, Does.Match(@"(?m)^PolicyLint\.+Failed\n- hook id: policylint\n- duration: [\d.]+s\n- exit code: 2\n"));
        Assert.That(output, Does.Contain($"policylint: error: No template found under the root '{repository.Root}' in the git index: nothing was analyzed"));
        Assert.That(Head(repository), Is.EqualTo("base"));
    }

    [Test]
    public void ProdEnvironmentMismatch_IsRefused_PL1001AndPL1002ForProd()
    {
        using var repository = Consumer(("samconfig.toml", StagesSamConfig));
        repository.Write("template.yaml", StagedTemplate);
        repository.Write(Ledger, CompleteLedger("function_name: myapp-api-dev", expiresInDays: 60));
        ExternalTool.Git(repository.Root, "add", "-A");

        var (exitCode, output) = Commit(repository);

        AssertRefused(exitCode, output, 1, $"{Ledger}(3,5): warning PL1002", "template.yaml(12,9): error PL1001");
        Assert.That(ResultLines(output).Where(l => !l.Contains("PL4001", StringComparison.Ordinal)), Has.All.EndWith("[env: prod]"), "dev is recorded; only prod is not");
        Assert.That(output, Does.Contain("(deployed as 'myapp-api-prod')"));
    }

    /// <summary>An expired entry that suppresses its own PL3001 with a placeholder justification (third new-user trial:
    /// the commit passed, "1 suppressed"): a placeholder is not a reason, so the suppression is invalid (PL0003) and
    /// the expiry fails the commit.</summary>
    [Test]
    public void ExpiredEntry_SuppressingItsOwnExpiryWithAPlaceholder_IsRefused_PL3001()
    {
        using var repository = Consumer();
        repository.Write("template.yaml", TaggedTemplate);
        repository.Write(Ledger, CompleteLedger("function_name: worker", expiresInDays: -1) + "    suppress: [{ id: PL3001, justification: TODO }]\n");
        ExternalTool.Git(repository.Root, "add", "-A");

        var (exitCode, output) = Commit(repository);

        AssertRefused(exitCode, output, 1, $"{Ledger}(8,38): error PL3001", $"{Ledger}(9,18): warning PL0003");
        Assert.That(output, Does.Contain("Invalid suppression of PL3001: its justification is a placeholder, not a reason"));
        Assert.That(output, Does.Not.Contain("suppressed"));
    }

    /// <summary>A tagged template under a name discovery does not read, named by its samconfig's <c>template_file</c>
    /// (third new-user trial: <c>up/template</c> passed with a warning): <c>sam deploy</c> reads it, so PolicyLint does.</summary>
    [Test]
    public void TemplateUnderAnyName_NamedBySamconfig_IsRead_SoPL1001()
    {
        using var repository = Consumer();
        repository.Write("up/template", TaggedTemplate);
        repository.Write("up/samconfig.toml", "version = 0.1\n[default.deploy.parameters]\nstack_name = \"up\"\ntemplate_file = \"template\"\n");
        ExternalTool.Git(repository.Root, "add", "-A");

        var (exitCode, output) = Commit(repository);

        AssertRefused(exitCode, output, 1, "up/template(7,9): error PL1001");
    }

    /// <summary>A merge whose two sides each pass, but not together (second new-user trial of 2026-12-07: one branch
    /// tags a function and records it by name, the other renames it; <c>git merge</c> ran no hook). With
    /// <c>default_install_hook_types: [pre-commit, pre-merge-commit]</c>, as the README's configuration has it,
    /// <c>pre-commit install</c> installs the merge hook too, and the merge is refused.</summary>
    [Test]
    public void Merge_OfTwoPassingBranches_ThatFailsTogether_IsRefused()
    {
        const string Untagged = """
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: worker
                  Handler: index.handler
                  Runtime: python3.12
                  MemorySize: 256
                  Timeout: 30

            """;
        const string Tags = """
                  Tags:
                    InspectorExclusion: LambdaStandardScanning

            """;
        using var repository = Consumer(("template.yaml", Untagged));
        string Git(params string[] args) =>
            ExternalTool.Run("git", repository.Root, Environment(), ["-c", "user.name=PolicyLint tests", "-c", "user.email=tests@policylint.invalid", "-c", "commit.gpgsign=false", .. args]).Output;
        var main = ExternalTool.Git(repository.Root, "rev-parse", "--abbrev-ref", "HEAD").Trim();

        ExternalTool.Git(repository.Root, "checkout", "-q", "-b", "tag");
        repository.Write("template.yaml", Untagged.TrimEnd('\n') + "\n" + Tags);
        repository.Write(Ledger, CompleteLedger("function_name: worker", expiresInDays: 60));
        ExternalTool.Git(repository.Root, "add", "-A");
        Assert.That(Commit(repository).ExitCode, Is.Zero, "tagged and recorded: passes");

        ExternalTool.Git(repository.Root, "checkout", "-q", main);
        repository.Write("template.yaml", Untagged.Replace("FunctionName: worker", "FunctionName: worker-v2", StringComparison.Ordinal));
        ExternalTool.Git(repository.Root, "add", "-A");
        Assert.That(Commit(repository).ExitCode, Is.Zero, "renamed, untagged: passes");

        var (exitCode, output) = ExternalTool.Run("git", repository.Root, Environment(),
            "-c", "user.name=PolicyLint tests", "-c", "user.email=tests@policylint.invalid", "merge", "--no-edit", "tag");

        AssertRefused(exitCode, output, 1, $"{Ledger}(3,5): warning PL1002", "template.yaml(11,9): error PL1001");
        Assert.That(Git("log", "-1", "--format=%s").Trim(), Is.EqualTo("change"), "no merge commit was made");
    }

    [Test]
    public void CorrectCommit_Passes_AndShowsItsWarnings()
    {
        using var repository = Consumer();
        repository.Write("template.yaml", TaggedTemplate);
        repository.Write(Ledger, CompleteLedger("function_name: worker", expiresInDays: 9));
        ExternalTool.Git(repository.Root, "add", "-A");

        var (exitCode, output) = Commit(repository);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Match(@"(?m)^PolicyLint\.+Passed\n- hook id: policylint\n- duration: [\d.]+s\n\n"), "verbose: the output of a passing hook is shown");
        Assert.That(Keys(output), Is.EqualTo(new[] { $"{Ledger}(1,1): warning PL4001", $"{Ledger}(8,38): warning PL3002" }));
        Assert.That(output, Does.Contain($"{Ledger}(8,38): warning PL3002: Ledger entry 'worker' expires on {DateOnly.FromDateTime(DateTime.UtcNow).AddDays(9).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (in 9 days)"));
        Assert.That(output, Does.Contain("PolicyLint: 0 errors, 2 warnings, 0 info in 2 files\n"));
        Assert.That(Head(repository), Is.EqualTo("change"), "the commit was made");
    }

    /// <summary>A new repository that uses the hook of the repository under test, with <paramref name="files"/> and
    /// the configuration committed (without the hook) as <c>base</c>, and the hook installed.</summary>
    private TemporaryRepository Consumer(params (string Path, string Text)[] files)
    {
        if (_snapshot is null)
            ExternalTool.Missing("pre-commit or git is not on PATH (Debian: apt-get install pre-commit git)");
        var repository = new TemporaryRepository();
        ExternalTool.Git(repository.Root, "init", "-q");
        repository.Write(".pre-commit-config.yaml", $"""
            default_install_hook_types: [pre-commit, pre-merge-commit]
            repos:
              - repo: {_snapshot!.Root}
                rev: {_revision}
                hooks:
                  - id: policylint

            """);
        foreach (var (path, text) in files)
            repository.Write(path, text);
        ExternalTool.Git(repository.Root, "add", "-A");
        ExternalTool.Git(repository.Root, "commit", "-q", "--no-verify", "-m", "base");
        var (exitCode, output) = ExternalTool.Run("pre-commit", repository.Root, Environment(), "install");
        Assert.That(exitCode, Is.Zero, output);
        return repository;
    }

    /// <summary><c>git commit -m change</c>, which runs the installed hook.</summary>
    private (int ExitCode, string Output) Commit(TemporaryRepository repository) =>
        ExternalTool.Run("git", repository.Root, Environment(),
            "-c", "user.name=PolicyLint tests", "-c", "user.email=tests@policylint.invalid", "-c", "commit.gpgsign=false", "commit", "-m", "change");

    private Dictionary<string, string> Environment() => new()
    {
        ["PRE_COMMIT_HOME"] = _home!.Root,
        ["PRE_COMMIT_COLOR"] = "never",
        ["NO_COLOR"] = "1",
    };

    private static string Head(TemporaryRepository repository) => ExternalTool.Git(repository.Root, "log", "-1", "--format=%s").Trim();

    /// <summary>The commit was refused by the hook with <paramref name="hookExitCode"/>, and PolicyLint's results are
    /// exactly <paramref name="expected"/> besides PL4001 (no finding rule in these small repositories).</summary>
    private static void AssertRefused(int exitCode, string output, int hookExitCode, params string[] expected)
    {
        Assert.That(exitCode, Is.Not.Zero, output);
        Assert.That(output, Does.Match($@"(?m)^PolicyLint\.+Failed\n- hook id: policylint\n- duration: [\d.]+s\n- exit code: {hookExitCode}\n"), output);
        Assert.That(Keys(output).Where(k => !k.EndsWith("PL4001", StringComparison.Ordinal)), Is.EqualTo(expected), output);
    }

    /// <summary>The result lines of PolicyLint's text output in the hook's output.</summary>
    private static IEnumerable<string> ResultLines(string output) => output.Split('\n').Where(l => Key().IsMatch(l));

    /// <summary>The <c>path(line,col): severity ID</c> part of each result line.</summary>
    private static string[] Keys(string output) => [.. ResultLines(output).Select(l => Key().Match(l).Value)];

    /// <summary>A complete ledger entry for <paramref name="target"/> (its first key at 3:5), applied 30 days ago,
    /// expiring in <paramref name="expiresInDays"/> days and reviewed before that, on the real date.</summary>
    private static string CompleteLedger(string target, int expiresInDays)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $$"""
            version: 1
            exclusions:
              - target: { type: lambda, {{target}} }
                scan_type: standard
                tag: { key: InspectorExclusion, value: LambdaStandardScanning }
                reason: { summary: Vendored binary scanned in the build pipeline, ticket: SEC-1 }
                owner: { team: platform, approved_by: security-lead, applied_by: dev }
                dates: { applied_at: {{Day(-30)}}, expires_at: {{Day(expiresInDays)}}, next_review_at: {{Day(Math.Min(20, expiresInDays - 1))}} }

            """;
    }

    [GeneratedRegex(@"^\S+\(\d+,\d+\): \w+ PL\d{4}")]
    private static partial Regex Key();

    /// <summary>A value <c>ledger add</c> leaves for a person to fill in.</summary>
    [GeneratedRegex(@":\s+""?TODO\b")]
    private static partial Regex Placeholder();
}
