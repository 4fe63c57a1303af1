using NUnit.Framework;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Integration;

/// <summary>
/// <c>samples/github/deployed-state.yml</c>, the weekly deployed-state workflow the README points to: scheduled, OIDC
/// with no stored keys, read-only permissions, exports with the three AWS CLI commands PolicyLint reads (filtered to
/// Lambda functions, <c>--output json</c>), then PolicyLint offline on them, never with a fixed date. GitHub Actions
/// does not run here.
/// </summary>
public sealed class DeployedStateWorkflowTests
{
    private static readonly string Text = File.ReadAllText(RepositoryPaths.Get("samples/github/deployed-state.yml"));

    private static MappingNode Job()
    {
        var tree = YamlSyntaxParser.Parse(SourceText.From("deployed-state.yml", Text));
        Assert.That(tree.Problems, Is.Empty);
        return ((MappingNode)tree.Documents.Single()!).GetValue("jobs")!.AsMapping()!.GetValue("deployed-state")!.AsMapping()!;
    }

    private static string RunOf(MappingNode job, string name) =>
        job.GetValue("steps")!.AsSequence()!.Items.Select(i => i.AsMapping()!).Single(s => s.GetValue("name")?.AsScalar()?.Value == name).GetValue("run")!.AsScalar()!.Value;

    [Test]
    public void InstallsExactlyThePinnedPackage_AsTheCodeScanningWorkflowDoes()
    {
        var codeScanning = YamlSyntaxParser.Parse(SourceText.From("policylint.yml", File.ReadAllText(RepositoryPaths.Get("samples/github/policylint.yml"))));
        var codeScanningJob = ((MappingNode)codeScanning.Documents.Single()!).GetValue("jobs")!.AsMapping()!.GetValue("policylint")!.AsMapping()!;
        var install = RunOf(Job(), "Install PolicyLint");

        Assert.That(install, Is.EqualTo(RunOf(codeScanningJob, "Install PolicyLint")), "one install recipe");
        Assert.That(install, Does.Contain("--version \"$version\" --configfile").And.Not.Contain("--add-source"),
            "the exact version from a nuget.config that clears every other source, never the highest version on any feed");
        var env = Job().GetValue("env")!.AsMapping()!;
        Assert.That(env.GetValue("POLICYLINT_REF")!.AsScalar()!.Value, Does.Match("^[0-9a-f]{40}$"), "a commit SHA: a tag or branch can move");
        Assert.That(env.GetValue("POLICYLINT_REF")!.AsScalar()!.Value, Is.EqualTo(codeScanningJob.GetValue("env")!.AsMapping()!.GetValue("POLICYLINT_REF")!.AsScalar()!.Value));
    }

    [Test]
    public void Permissions_AreOidcAndReadOnly()
    {
        var permissions = Job().GetValue("permissions")!.AsMapping()!;

        Assert.That(permissions.Entries.Select(e => $"{e.KeyText}: {e.Value.AsScalar()!.Value}"), Is.EqualTo(new[] { "contents: read", "id-token: write", "security-events: write" }));
        Assert.That(Text, Does.Contain("\"Action\": [\"inspector2:ListCoverage\", \"tag:GetResources\", \"lambda:ListFunctions\"]"));
        Assert.That(Text, Does.Not.Contain("aws-access-key-id").And.Not.Contain("AWS_SECRET_ACCESS_KEY"));
    }

    [Test]
    public void Exports_AreTheCommandsPolicyLintReads_FilteredToLambda_AsJson()
    {
        var export = RunOf(Job(), "Export the deployed state");

        Assert.That(export, Does.Contain("aws inspector2 list-coverage --output json").And.Contain(Core.Inputs.Deployed.DeployedStateFrontEnd.LambdaCoverageFilter));
        Assert.That(export, Does.Contain("aws resourcegroupstaggingapi get-resources --output json --resource-type-filters lambda:function"));
        Assert.That(export, Does.Contain("aws lambda list-functions --output json"));
    }

    [Test]
    public void PolicyLint_RunsOnTheExports_WithoutAFixedDate_OnASchedule()
    {
        var job = Job();

        Assert.That(RunOf(job, "PolicyLint"), Does.StartWith("policylint --deployed \"$RUNNER_TEMP/deployed\" "));
        Assert.That(RunOf(job, "Live ledger review"), Does.StartWith("policylint ledger status --deployed \"$RUNNER_TEMP/deployed\""));
        Assert.That(job.GetValue("steps")!.AsSequence()!.Items.Select(i => i.AsMapping()!.GetValue("run")?.AsScalar()?.Value ?? string.Empty), Has.None.Contain("--today"));
        Assert.That(Text, Does.Contain("schedule:\n    - cron: "));
    }
}
