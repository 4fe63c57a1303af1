using System.Text.Json;
using NUnit.Framework;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Integration;

/// <summary>
/// <c>samples/github/policylint.yml</c>, the code scanning workflow the README tells users to copy: it writes SARIF
/// without suppressed results, uploads it under its own category with the permission that needs, uploads even when
/// the lint failed (but not from a fork's pull request, whose token cannot), keeps PolicyLint's exit code, writes the
/// job summary from the same run, and never pins the date. GitHub Actions does not run here: its <c>run:</c> scripts
/// are run with bash as the runner runs them (<c>bash --noprofile --norc -eo pipefail</c>, the default shell of
/// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#defaultsrunshell) in a simulated
/// <c>GITHUB_*</c> environment, with the built <c>policylint</c> on PATH.
/// </summary>
public sealed class GitHubWorkflowTests
{
    private static readonly string WorkflowPath = RepositoryPaths.Get("samples/github/policylint.yml");

    private static MappingNode Workflow()
    {
        var tree = YamlSyntaxParser.Parse(SourceText.From("policylint.yml", File.ReadAllText(WorkflowPath)));
        Assert.That(tree.Problems, Is.Empty);
        return (MappingNode)tree.Documents.Single()!;
    }

    private static string? Text(SyntaxNode? node) => node?.AsScalar()?.Value;

    private static List<MappingNode> Steps(MappingNode job) =>
        [.. job.GetValue("steps")!.AsSequence()!.Items.Select(i => i.AsMapping()!)];

    [Test]
    public void LintsEveryStageToSarif_WithoutSuppressedResults_AndWithoutAFixedDate()
    {
        var steps = Steps(Workflow().GetValue("jobs")!.AsMapping()!.GetValue("policylint")!.AsMapping()!);

        var lint = steps.Single(s => Text(s.GetValue("name")) == "PolicyLint");
        Assert.That(Text(lint.GetValue("run")), Is.EqualTo("""
            policylint --config-env '*' --format github --omit-suppressed --sarif policylint.sarif \
              --report "markdown=$RUNNER_TEMP/policylint-summary.md" \
              --markdown-link-base "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA/"

            """), "every samconfig environment, one run for annotations, SARIF and summary");
        Assert.That(lint.Find("if"), Is.Null, "the lint step's failure is the job's failure (PolicyLint's exit code)");
        Assert.That(lint.Find("continue-on-error"), Is.Null);
        Assert.That(steps.Select(s => Text(s.GetValue("run")) ?? string.Empty), Has.None.Contain("--today"));
    }

    [Test]
    public void UploadsUnderItsCategory_EvenWhenTheLintFailed()
    {
        var job = Workflow().GetValue("jobs")!.AsMapping()!.GetValue("policylint")!.AsMapping()!;
        var upload = Steps(job).Single(s => Text(s.GetValue("uses"))?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);

        Assert.That(Text(upload.GetValue("if")), Is.EqualTo(
            "always() && hashFiles('policylint.sarif') != '' && github.actor != 'dependabot[bot]' && "
            + "(github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository)"),
            "a fork's pull request and Dependabot get a read-only token: no upload there");
        var with = upload.GetValue("with")!.AsMapping()!;
        Assert.That(Text(with.GetValue("sarif_file")), Is.EqualTo("policylint.sarif"));
        Assert.That(Text(with.GetValue("category")), Is.EqualTo("policylint"));
        Assert.That(Text(job.GetValue("permissions")!.AsMapping()!.GetValue("security-events")), Is.EqualTo("write"));
    }

    [Test]
    public void RunScripts_OneLint_AnnotationsSarifAndALinkedSummary_AndTheStepFails()
    {
        var bash = ExternalTool.OnPath("bash");
        if (bash is null)
        {
            ExternalTool.Missing("bash is not on PATH");
            return;
        }

        var steps = Steps(Workflow().GetValue("jobs")!.AsMapping()!.GetValue("policylint")!.AsMapping()!);
        using var workspace = new TemporaryRepository();
        workspace.CopyFrom(RepositoryPaths.Get("samples/inspector-problems"));
        using var runner = new TemporaryRepository();
        var bin = Directory.CreateDirectory(Path.Combine(runner.Root, "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "policylint"), Robustness.ChildProcess.PolicyLint);
        var summary = runner.Write("step-summary.md", string.Empty);
        var temp = Directory.CreateDirectory(Path.Combine(runner.Root, "temp")).FullName;
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_WORKSPACE"] = workspace.Root,
            ["GITHUB_SERVER_URL"] = "https://github.com",
            ["GITHUB_REPOSITORY"] = "acme/orders",
            ["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567",
            ["GITHUB_STEP_SUMMARY"] = summary,
            ["RUNNER_TEMP"] = temp,
        };
        (int ExitCode, string Output) Step(string name) =>
            ExternalTool.Run(bash, workspace.Root, environment, "--noprofile", "--norc", "-eo", "pipefail", "-c",
                Text(steps.Single(s => Text(s.GetValue("name")) == name).GetValue("run"))!);

        var (exitCode, output) = Step("PolicyLint");
        Assert.That(exitCode, Is.EqualTo(ExitCodes.Failure), output);
        Assert.That(output, Does.Contain("::error file=services/orders/template.yaml,"), "annotations on standard output");
        Assert.That(output, Does.Contain(",title=PL1001::"));
        using (var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace.Root, "policylint.sarif"))))
            Assert.That(CliRunner.ResultKeys(sarif), Has.Some.StartsWith("PL1001 "));

        Assert.That(Step("Job summary").ExitCode, Is.EqualTo(0));
        var written = File.ReadAllText(summary);
        Assert.That(written, Does.StartWith("## PolicyLint\n"));
        Assert.That(written, Does.Contain("](https://github.com/acme/orders/blob/0123456789abcdef0123456789abcdef01234567/services/orders/template.yaml#L"),
            "locations link to the files of the commit on GitHub");
        Assert.That(written, Is.EqualTo(File.ReadAllText(Path.Combine(temp, "policylint-summary.md"))), "the summary is the lint run's own");
    }

    [Test]
    public void TheWorkflowIsNotATemplate()
    {
        var run = CliRunner.Lint(RepositoryPaths.Get("samples/github"), "--allow-empty");

        Assert.That(run.Stdout, Is.EqualTo("PolicyLint: 0 errors, 0 warnings, 0 info in 0 files\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(CliRunner.Lint(RepositoryPaths.Get("samples/github")).ExitCode, Is.EqualTo(ExitCodes.UsageError), "no template: nothing was analyzed");
    }
}
