using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary>docs/conventions.md#c3: the root is --root, else the first PATH that is a folder, else the working directory.</summary>
public sealed class RootResolutionTests
{
    private static readonly string Case021 = RepositoryPaths.Get("tests/cases/021-sarif-relative-uris");

    [Test]
    public void Case021_DotFromInside_AbsolutePath_AndTrailingSeparator_GiveIdenticalSarif()
    {
        using var elsewhere = new TemporaryRepository();
        var fromInside = CliRunner.Run(Case021, "--today", CliRunner.Today, "--format", "sarif", ".");
        var absolute = CliRunner.Run(elsewhere.Root, "--today", CliRunner.Today, "--format", "sarif", Case021);
        var trailing = CliRunner.Run(elsewhere.Root, "--today", CliRunner.Today, "--format", "sarif", Case021 + Path.DirectorySeparatorChar);

        using var sarif = fromInside.Sarif();
        Assert.That(CliRunner.ResultKeys(sarif), Is.EqualTo(new[]
        {
            "PL4001 security/inspector-exclusions.yaml 1:1",
            "PL1001 services/billing/functions/invoice/template.yaml 12:9",
        }));
        Assert.That(absolute.Stdout, Is.EqualTo(fromInside.Stdout));
        Assert.That(trailing.Stdout, Is.EqualTo(fromInside.Stdout));
        Assert.That(fromInside.Stdout, Does.Not.Contain(Case021));
        Assert.That(new[] { fromInside.ExitCode, absolute.ExitCode, trailing.ExitCode }, Is.All.EqualTo(ExitCodes.Failure));
    }

    [Test]
    public void RootOption_WinsOverFolderPath()
    {
        var problems = CliRunner.Samples("inspector-problems");

        var run = CliRunner.Lint("--root", problems, Path.Combine(problems, "services", "orders"));

        Assert.That(run.Stdout, Does.StartWith("services/orders/template.yaml(14,9): error PL1001: "));
        Assert.That(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2));
    }

    [Test]
    public void FirstFolderPath_IsTheRoot()
    {
        var orders = Path.Combine(CliRunner.Samples("inspector-problems"), "services", "orders");

        var run = CliRunner.Lint(orders);

        // The folder has no ledger, so PL1001 names the default ledger path and PL4001 sits at the template's Resources key.
        Assert.That(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "template.yaml(5,1): warning PL4001: No EventBridge rule on the default event bus matches Amazon Inspector findings (source 'aws.inspector2' with detail-type 'Inspector2 Finding', or Inspector's findings among Security Hub's 'Security Hub Findings - Imported' events), so HIGH and CRITICAL findings reach nobody",
            "template.yaml(14,9): error PL1001: Function 'OrdersApiFunction' (deployed as 'orders-api') has exclusion tag 'InspectorExclusion' but no ledger entry records its standard scanning exclusion; add one to security/inspector-exclusions.yaml",
            "PolicyLint: 1 error, 1 warning, 0 info in 1 file",
        }));
    }

    [Test]
    public void WithoutPath_TheWorkingDirectoryIsTheRoot()
    {
        var run = CliRunner.Run(CliRunner.Samples("inspector-problems"), "--today", CliRunner.Today);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(run.Stdout, Does.StartWith("security/inspector-exclusions.yaml(1,1): warning PL4001: "));
        Assert.That(run.Stdout, Does.EndWith(CliRunner.SampleGolden("inspector-problems").Summary + "\n"));
    }

    [Test]
    public void FilePathOnly_TheWorkingDirectoryIsTheRoot()
    {
        var run = CliRunner.Run(CliRunner.Samples("inspector-problems"), "--today", CliRunner.Today, "services/payments/template.yaml");

        Assert.That(run.Stdout, Does.StartWith("services/payments/template.yaml(13,7): warning PL2001: "));
        Assert.That(run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2));
    }
}
