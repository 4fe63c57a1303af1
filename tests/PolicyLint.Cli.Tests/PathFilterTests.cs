using NUnit.Framework;

namespace PolicyLint.Cli.Tests;

/// <summary>docs/conventions.md#c3: the whole root is analyzed; PATH arguments only filter which results are reported.</summary>
public sealed class PathFilterTests
{
    private static IEnumerable<TestCaseData> Filters()
    {
        yield return new TestCaseData(new[] { "." }, CliRunner.SampleGolden("inspector-problems").Ids).SetName("Root_ReportsEverything");
        yield return new TestCaseData(new[] { "services/orders" }, new[] { "PL1001" }).SetName("Folder");
        yield return new TestCaseData(new[] { "services/orders/" }, new[] { "PL1001" }).SetName("FolderWithTrailingSeparator");
        yield return new TestCaseData(new[] { "services/billing/template.yaml" }, new[] { "PL0002" }).SetName("File");
        yield return new TestCaseData(new[] { "security" }, new[] { "PL4001", "PL3001", "PL3004", "PL1002", "PL1004", "PL3002", "PL3003", "PL3005", "PL3006" }).SetName("LedgerFolder");
        yield return new TestCaseData(new[] { "services/payments", "services/invoices/template.yaml" }, new[] { "PL0001", "PL2001" }).SetName("SeveralPaths");
        yield return new TestCaseData(new[] { "services/catalog" }, Array.Empty<string>()).SetName("FolderWithoutResults");
    }

    [TestCaseSource(nameof(Filters))]
    public void PathArguments_FilterReportedResults(string[] paths, string[] expectedIds)
    {
        var root = CliRunner.Samples("inspector-problems");

        var run = CliRunner.Run(root, ["--today", CliRunner.Today, "--format", "sarif", "--root", root, .. paths]);

        using var sarif = run.Sarif();
        Assert.That(CliRunner.Results(sarif).Select(r => r.GetProperty("ruleId").GetString()), Is.EqualTo(expectedIds));
    }

    [Test]
    public void FilteredOutResults_DoNotFailTheRun()
    {
        var root = CliRunner.Samples("inspector-problems");

        var run = CliRunner.Run(root, "--today", CliRunner.Today, "--root", root, "services/payments");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success)); // PL2001 is a warning; the errors elsewhere are not reported
    }

    [Test]
    public void LedgerMatching_UsesTheWholeRoot()
    {
        // legacy-export is recorded in the ledger, which lies outside the filter: still no PL1001.
        var root = CliRunner.Samples("inspector-problems");

        var run = CliRunner.Run(root, "--today", CliRunner.Today, "--root", root, "services/legacy-export");

        Assert.That(run.Stdout, Does.StartWith("PolicyLint: 0 errors"));
    }
}
