using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;
using PolicyLint.Core.Analysis;
using PolicyLint.Rules;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Cases;

/// <summary>
/// The example cases in <c>tests/cases/</c> (copied from the shared case collection): each folder is a repository
/// whose <c>expected.md</c> lists exactly the results of <c>policylint --today 2026-11-29</c> run on it. Rows whose
/// ID is not in the current catalog are skipped, so they become active when their rule lands.
/// </summary>
public sealed partial class ExampleCaseTests
{
    private static readonly string CasesRoot = RepositoryPaths.Get("tests/cases");

    private static readonly HashSet<string> Catalog =
        new AnalysisDriver(RulePack.CreateAnalyzers()).Descriptors.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>Cases that need a feature the engine does not have yet, by the diagnostic ID that comes with it.
    /// Such a case is left out of <see cref="Cases"/> until that ID is in the catalog (no skipped tests).</summary>
    /// <remarks>Empty while every case runs (031-in-source-suppressions waited here for PL0003).</remarks>
    private static readonly Dictionary<string, (string Id, string Feature)> NeedsFeature = new(StringComparer.Ordinal);

    private static IEnumerable<TestCaseData> Cases() =>
        CaseFolders()
            .Where(name => !NeedsFeature.TryGetValue(name, out var needs) || Catalog.Contains(needs.Id))
            .Select(name => new TestCaseData(name).SetName(name));

    private static IEnumerable<string> CaseFolders() =>
        Directory.EnumerateDirectories(CasesRoot).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    [Test]
    public void EveryCaseFolder_HasAnExpectationAndIsRunOrNamesTheFeatureItWaitsFor()
    {
        var folders = CaseFolders().ToList();

        Assert.That(folders, Has.Count.GreaterThanOrEqualTo(28));
        Assert.That(folders.Where(f => !File.Exists(Path.Combine(CasesRoot, f, "expected.md"))), Is.Empty);
        Assert.That(NeedsFeature.Keys, Is.SubsetOf(folders));
        Assert.That(Cases().Count() + NeedsFeature.Count(n => !Catalog.Contains(n.Value.Id)), Is.EqualTo(folders.Count));
    }

    [TestCaseSource(nameof(Cases))]
    public void Case_ReportsExactlyTheExpectedResults(string name)
    {
        var folder = Path.Combine(CasesRoot, name);
        var expected = ExpectedTable.Read(Path.Combine(folder, "expected.md"));

        // Cases 014 and 018 hold no template at all: they expect no result, which a run without a template gives only
        // with --allow-empty (without it, "no template found" is exit 2, as the gate asks). --allow-empty changes
        // nothing for a root that has a template.
        var run = CliRunner.Lint("--format", "sarif", "--allow-empty", folder);

        var noTemplate = $"policylint: note: No template found under the root '{folder}'; no template was analyzed (--allow-empty)\n";
        Assert.That(run.Stderr, Is.Empty.Or.EqualTo(noTemplate), "no notification but the note of a root without a template, no analyzer failure");
        using var sarif = run.Sarif();
        var results = CliRunner.Results(sarif).ToList();
        var rows = expected.Rows.Where(r => Catalog.Contains(r.Id)).ToList();
        Assert.That(CliRunner.ResultKeys(sarif).Order(StringComparer.Ordinal), Is.EqualTo(rows.Select(r => r.Key).Order(StringComparer.Ordinal)),
            $"results of {name} (rows for IDs not in the catalog are skipped: {string.Join(", ", expected.Rows.Where(r => !Catalog.Contains(r.Id)).Select(r => r.Key))})");

        foreach (var row in rows)
        {
            var result = results.First(r => Key(r) == row.Key);
            if (row.Level is { } level)
                Assert.That(result.GetProperty("level").GetString(), Is.EqualTo(level), $"level of {row.Key}");
            if (row.Suppressed is { } suppressed)
                Assert.That(result.TryGetProperty("suppressions", out var s) && s.GetArrayLength() > 0, Is.EqualTo(suppressed), $"suppression of {row.Key}");
        }

        AssertLocationsAreSound(sarif, folder);
        var failing = results.Any(r => r.GetProperty("level").GetString() == "error" && !(r.TryGetProperty("suppressions", out var s) && s.GetArrayLength() > 0));
        Assert.That(run.ExitCode, Is.EqualTo(failing ? ExitCodes.Failure : ExitCodes.Success));
    }

    private static string Key(JsonElement result)
    {
        var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        var region = physical.GetProperty("region");
        return $"{result.GetProperty("ruleId").GetString()} {physical.GetProperty("artifactLocation").GetProperty("uri").GetString()} {region.GetProperty("startLine").GetInt32()}:{region.GetProperty("startColumn").GetInt32()}";
    }

    /// <summary>Every location of every result: a root-relative '/' URI under %SRCROOT%, explicit 1-based start, and a
    /// region inside its file; every ruleId in tool.driver.rules at its ruleIndex.</summary>
    private static void AssertLocationsAreSound(JsonDocument sarif, string folder)
    {
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var lineCache = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var result in run.GetProperty("results").EnumerateArray())
        {
            var ruleId = result.GetProperty("ruleId").GetString();
            Assert.That(rules[result.GetProperty("ruleIndex").GetInt32()], Is.EqualTo(ruleId));
            var locations = result.GetProperty("locations").EnumerateArray().ToList();
            if (result.TryGetProperty("relatedLocations", out var related))
                locations.AddRange(related.EnumerateArray());
            foreach (var location in locations)
            {
                var physical = location.GetProperty("physicalLocation");
                var artifact = physical.GetProperty("artifactLocation");
                var uri = artifact.GetProperty("uri").GetString()!;
                Assert.That(uri, Does.Not.StartWith("/").And.Not.StartWith("./").And.Not.Contain("\\").And.Not.Contain(":").And.Not.Contain(folder), $"{ruleId} URI");
                if (artifact.TryGetProperty("uriBaseId", out var baseId))
                    Assert.That(baseId.GetString(), Is.EqualTo("%SRCROOT%"));
                var path = Path.Combine(folder, Uri.UnescapeDataString(uri));
                Assert.That(File.Exists(path), Is.True, $"{ruleId}: {uri} is not a file of the case");

                var region = physical.GetProperty("region");
                var startLine = region.GetProperty("startLine").GetInt32();
                var startColumn = region.GetProperty("startColumn").GetInt32();
                var endLine = region.TryGetProperty("endLine", out var el) ? el.GetInt32() : startLine;
                var endColumn = region.TryGetProperty("endColumn", out var ec) ? ec.GetInt32() : startColumn;
                Assert.That(startLine, Is.GreaterThanOrEqualTo(1), $"{ruleId} {uri} startLine");
                Assert.That(startColumn, Is.GreaterThanOrEqualTo(1), $"{ruleId} {uri} startColumn");
                Assert.That(endLine > startLine || (endLine == startLine && endColumn >= startColumn), Is.True, $"{ruleId} {uri} end before start");

                if (!lineCache.TryGetValue(path, out var lines))
                    lineCache[path] = lines = Lines(path);
                var where = $"{ruleId} {uri}({startLine},{startColumn})-({endLine},{endColumn}) in a file of {lines.Length} lines";
                Assert.That(endLine, Is.LessThanOrEqualTo(lines.Length), where);
                Assert.That(startColumn, Is.LessThanOrEqualTo(lines[startLine - 1].Length + 1), where);
                Assert.That(endColumn, Is.LessThanOrEqualTo(lines[endLine - 1].Length + 1), where);
            }
        }
    }

    /// <summary>The file's lines as docs/conventions.md#c2 counts them: UTF-8, the BOM not a character, CRLF, CR and LF each one break.</summary>
    private static string[] Lines(string path)
    {
        var text = new UTF8Encoding(false).GetString(File.ReadAllBytes(path));
        if (text.StartsWith('\uFEFF'))
            text = text[1..];
        return LineBreak().Split(text);
    }

    [GeneratedRegex("\r\n|\r|\n")]
    private static partial Regex LineBreak();
}
