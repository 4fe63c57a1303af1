using NUnit.Framework;
using PolicyLint.Testing;
using GoldenFile = PolicyLint.Testing.Golden;

namespace PolicyLint.Cli.Tests.Golden;

/// <summary>
/// STYLE §6 golden tests: each sample under <c>samples/</c>, run in process from the repository root with a fixed
/// <c>--today</c>, compared byte for byte with <c>Golden/&lt;sample&gt;/expected.{txt,sarif,json,gnu,github,md}</c>. Only the tool
/// version is normalised. Accept intended changes with <c>POLICYLINT_UPDATE_GOLDEN=1 dotnet test</c>.
/// </summary>
public sealed class GoldenTests
{
    private static readonly string[] Samples = ["inspector-basic", "inspector-problems", "notification-problems", "deployed-state"];

    /// <summary>SARIF says when each AWS CLI export was made (its modification time), which a checkout sets to the
    /// checkout's time: the deployed-state sample's exports are dated 2026-11-29T06:00:00Z before any run.</summary>
    [OneTimeSetUp]
    public static void DateTheSampleExports() => DeployedStateCliTests.DateSampleExports();

    private static IEnumerable<TestCaseData> Scenarios() =>
        from sample in Samples
        from format in new[] { ("text", "txt"), ("sarif", "sarif"), ("json", "json"), ("gnu", "gnu"), ("github", "github"), ("markdown", "md") }
        select new TestCaseData(sample, format.Item1, format.Item2).SetName($"{sample}_{format.Item1}");

    [TestCaseSource(nameof(Scenarios))]
    public void Sample_MatchesGolden(string sample, string format, string extension)
    {
        var run = CliRunner.Lint("--format", format, $"samples/{sample}");

        Assert.That(run.Stderr, Is.Empty);
        if (format == "sarif")
            SarifSchema.AssertValid(run.Stdout);
        GoldenFile.AssertMatches(CliRunner.NormalizeVersion(run.Stdout), $"tests/PolicyLint.Cli.Tests/Golden/{sample}/expected.{extension}");
    }

    [Test]
    public void NormalizeVersion_ReplacesOnlyTheToolVersion()
    {
        var sarif = CliRunner.Lint("--format", "sarif", "samples/inspector-basic").Stdout;
        var json = CliRunner.Lint("--format", "json", "samples/inspector-basic").Stdout;

        Assert.That(CliRunner.NormalizeVersion(sarif), Does.Contain("\"version\": \"2.1.0\"").And.Contain($"\"version\": \"{CliRunner.TestVersion}\"").And.Contain($"\"semanticVersion\": \"{CliRunner.TestVersion}\""));
        Assert.That(CliRunner.NormalizeVersion(sarif).Length - sarif.Length, Is.EqualTo(2 * (CliRunner.TestVersion.Length - Core.Reporting.ToolInfo.Current.Version.Length)));
        Assert.That(CliRunner.NormalizeVersion(json), Does.Contain($"\"version\": \"{CliRunner.TestVersion}\""));
    }
}
