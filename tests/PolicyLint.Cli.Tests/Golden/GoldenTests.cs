using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;
using PolicyLint.Testing;
using GoldenFile = PolicyLint.Testing.Golden;

namespace PolicyLint.Cli.Tests.Golden;

/// <summary>
/// Golden tests (docs/style.md#golden-tests): each sample under <c>samples/</c>, run in process from the repository root with a fixed
/// <c>--today</c>, compared byte for byte with <c>Golden/&lt;sample&gt;/expected.{txt,sarif,json,gnu,github,md}</c>. Only the tool
/// version is normalised. The SARIF goldens leave out each rule's <c>help</c> (its whole page, the same in every log),
/// so that editing a page rewrites one file: <c>Golden/rule-catalog.json</c>, the SARIF rules with their help, compared
/// byte for byte. Accept intended changes with <c>POLICYLINT_UPDATE_GOLDEN=1 dotnet test</c>.
/// </summary>
public sealed class GoldenTests
{
    private const string CatalogGolden = "tests/PolicyLint.Cli.Tests/Golden/rule-catalog.json";

    private static readonly string[] Samples = ["inspector-basic", "inspector-problems", "notification-problems", "deployed-state"];

    /// <summary>SARIF says when each AWS CLI export was made (its modification time), which a checkout sets to the
    /// checkout's time: the deployed-state sample's exports are dated 2026-11-29T06:00:00Z before any run.</summary>
    [OneTimeSetUp]
    public static void DateTheSampleExports() => DeployedStateCliTests.DateSampleExports();

    // As SarifReporter writes, so that a stripped log differs from the output only by the help objects.
    private static readonly JsonSerializerOptions SarifFormat = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Every registered format (Core.Reporting.ReportFormats), so that a new format cannot ship without its goldens.
    private static IEnumerable<TestCaseData> Scenarios() =>
        from sample in Samples
        from format in Core.Reporting.ReportFormats.All
        select new TestCaseData(sample, format.Name, format.Extension).SetName($"{sample}_{format.Name}");

    [Test]
    public void EveryRegisteredFormat_HasAGoldenForEverySample()
    {
        var missing = from sample in Samples
                      from format in Core.Reporting.ReportFormats.All
                      let path = $"tests/PolicyLint.Cli.Tests/Golden/{sample}/expected.{format.Extension}"
                      where !File.Exists(RepositoryPaths.Get(path))
                      select path;

        Assert.That(Core.Reporting.ReportFormats.Names, Is.EqualTo(new[] { "text", "gnu", "github", "markdown", "sarif", "json" }));
        Assert.That(missing, Is.Empty, "a registered format without the golden of a sample (write it with POLICYLINT_UPDATE_GOLDEN=1)");
    }

    [TestCaseSource(nameof(Scenarios))]
    public void Sample_MatchesGolden(string sample, string format, string extension)
    {
        var run = CliRunner.Lint("--format", format, $"samples/{sample}");

        Assert.That(run.Stderr, Is.Empty);
        var output = CliRunner.NormalizeVersion(run.Stdout);
        if (format == "sarif")
        {
            SarifSchema.AssertValid(run.Stdout);
            Assert.That(JsonNode.DeepEquals(SarifRules(run.Stdout), SarifRules(Catalog())), Is.True, "every log carries the whole catalog, pages included");
            output = WithoutHelp(output);
        }

        GoldenFile.AssertMatches(output, $"tests/PolicyLint.Cli.Tests/Golden/{sample}/expected.{extension}");
    }

    [Test]
    public void RuleCatalog_MatchesGolden()
    {
        var rules = SarifRules(Catalog());

        Assert.That(rules.Count, Is.EqualTo(global::PolicyLint.Rules.RulePack.DocumentedIds.Count), "one SARIF rule per page");
        foreach (var rule in rules)
        {
            var id = (string)rule!["id"]!;
            Assert.That((string?)rule["help"]?["markdown"], Is.EqualTo(global::PolicyLint.Rules.RulePack.GetHelpMarkdown(id)), $"{id}: help.markdown is the whole page");
            Assert.That((string?)rule["help"]?["text"], Is.Not.Empty, $"{id}: help.text");
        }

        GoldenFile.AssertMatches(rules.ToJsonString(SarifFormat) + "\n", CatalogGolden);
    }

    [Test]
    public void WithoutHelp_RemovesOnlyTheRulesHelp()
    {
        var sarif = CliRunner.NormalizeVersion(Catalog());
        var stripped = WithoutHelp(sarif);

        Assert.That(stripped, Does.Not.Contain("\"help\":"));
        Assert.That(SarifRules(stripped).Select(r => (string?)r!["helpUri"]), Is.EqualTo(SarifRules(sarif).Select(r => (string?)r!["helpUri"])));
        var withHelpRemovedByHand = JsonNode.Parse(sarif)!;
        foreach (var rule in withHelpRemovedByHand["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray())
            rule!.AsObject().Remove("help");
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(stripped), withHelpRemovedByHand), Is.True);
    }

    /// <summary>The SARIF log of the smallest sample: its rules are the whole catalog.</summary>
    private static string Catalog() => CliRunner.Lint("--format", "sarif", "samples/inspector-basic").Stdout;

    private static JsonArray SarifRules(string sarif) => JsonNode.Parse(sarif)!["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray();

    /// <summary>The log without <c>tool.driver.rules[].help</c>, written as <see cref="Core.Reporting.SarifReporter"/>
    /// writes (two-space indentation, LF line ends, a final LF).</summary>
    private static string WithoutHelp(string sarif)
    {
        var log = JsonNode.Parse(sarif)!;
        foreach (var rule in log["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray())
            rule!.AsObject().Remove("help");
        return log.ToJsonString(SarifFormat) + (sarif.EndsWith('\n') ? "\n" : "");
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
