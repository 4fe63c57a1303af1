using NUnit.Framework;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Integration;

/// <summary>
/// <c>samples/github/policylint.yml</c>, the code scanning workflow the README tells users to copy: it writes SARIF
/// without suppressed results, uploads it under its own category with the permission that needs, uploads even when
/// the lint failed, keeps PolicyLint's exit code, and never pins the date. GitHub Actions does not run here; its run
/// steps were run by hand (README).
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
        Assert.That(Text(lint.GetValue("run")), Is.EqualTo("policylint --config-env '*' --format github --sarif policylint.sarif --omit-suppressed"), "every samconfig environment");
        Assert.That(lint.Find("if"), Is.Null, "the lint step's failure is the job's failure (PolicyLint's exit code)");
        Assert.That(lint.Find("continue-on-error"), Is.Null);
        Assert.That(steps.Select(s => Text(s.GetValue("run")) ?? string.Empty), Has.None.Contain("--today"));
    }

    [Test]
    public void UploadsUnderItsCategory_EvenWhenTheLintFailed()
    {
        var job = Workflow().GetValue("jobs")!.AsMapping()!.GetValue("policylint")!.AsMapping()!;
        var upload = Steps(job).Single(s => Text(s.GetValue("uses"))?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);

        Assert.That(Text(upload.GetValue("if")), Is.EqualTo("always() && hashFiles('policylint.sarif') != ''"));
        var with = upload.GetValue("with")!.AsMapping()!;
        Assert.That(Text(with.GetValue("sarif_file")), Is.EqualTo("policylint.sarif"));
        Assert.That(Text(with.GetValue("category")), Is.EqualTo("policylint"));
        Assert.That(Text(job.GetValue("permissions")!.AsMapping()!.GetValue("security-events")), Is.EqualTo("write"));
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
