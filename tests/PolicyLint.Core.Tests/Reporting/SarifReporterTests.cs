using System.Text.Json;
using NUnit.Framework;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Reporting;
using PolicyLint.Core.Tests.Analysis;
using PolicyLint.Testing;

namespace PolicyLint.Core.Tests.Reporting;

public sealed class SarifReporterTests
{
    private static readonly SarifOptions Options = new() { Tool = new ToolInfo("1.2.3", "https://github.com/policylint/policylint") };

    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/k
        Resources:
          Zeta:
            Type: AWS::Lambda::Function
          Alpha:
            Type: AWS::Serverless::Function
        """;

    private static (RunResult Run, string Json, JsonElement Root) Sarif(TemporaryRepository repository, IEnumerable<DiagnosticAnalyzer> analyzers, AnalysisOptions? options = null, SarifOptions? sarifOptions = null)
    {
        var run = AnalysisDriverTests.Run(repository, analyzers, options);
        var json = SarifReporter.ToJson(SarifReporter.Build(run, sarifOptions ?? Options));
        SarifSchema.AssertValid(json);
        return (run, json, JsonDocument.Parse(json).RootElement.Clone());
    }

    private static JsonElement RunElement(JsonElement root) => root.GetProperty("runs")[0];

    [TestCase("template.yaml", "template.yaml")]
    [TestCase("dir with space/template.yaml", "dir%20with%20space/template.yaml")]
    [TestCase("café/模板.yaml", "caf%C3%A9/%E6%A8%A1%E6%9D%BF.yaml")]
    [TestCase("100%/#1?.yaml", "100%25/%231%3F.yaml")]
    [TestCase("c:/x.yaml", "c%3A/x.yaml")]
    public void EncodeUri_PercentEncodesEachSegment_AndIsNeverAbsolute(string path, string expected)
    {
        var uri = SarifReporter.EncodeUri(path);

        Assert.Multiple(() =>
        {
            Assert.That(uri, Is.EqualTo(expected));
            Assert.That(Uri.TryCreate(uri, UriKind.Absolute, out _), Is.False);
        });
    }

    [Test]
    public void CleanRun_HasEmptyResults_AndTheConstants()
    {
        using var repository = new TemporaryRepository();
        repository.Write("notes.yaml", "a: 1\n");

        var (_, json, root) = Sarif(repository, [new FunctionAnalyzer()]);
        var run = RunElement(root);
        var driver = run.GetProperty("tool").GetProperty("driver");

        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("$schema").GetString(), Is.EqualTo("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"));
            Assert.That(root.GetProperty("version").GetString(), Is.EqualTo("2.1.0"));
            Assert.That(root.GetProperty("runs").GetArrayLength(), Is.EqualTo(1));
            Assert.That(json, Does.Contain("\"results\": []"));
            Assert.That(run.GetProperty("columnKind").GetString(), Is.EqualTo("utf16CodeUnits"));
            Assert.That(driver.GetProperty("name").GetString(), Is.EqualTo("PolicyLint"));
            Assert.That(driver.GetProperty("version").GetString(), Is.EqualTo("1.2.3"));
            Assert.That(driver.GetProperty("semanticVersion").GetString(), Is.EqualTo("1.2.3"));
            Assert.That(driver.GetProperty("informationUri").GetString(), Is.EqualTo("https://github.com/policylint/policylint"));
            Assert.That(driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()), Is.EqualTo(new[] { "PL0001", "PL0002", "PL0003", "PL0004", "PL1901" }));
            var baseIds = run.GetProperty("originalUriBaseIds");
            Assert.That(baseIds.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "%SRCROOT%" }));
            Assert.That(baseIds.GetProperty("%SRCROOT%").TryGetProperty("uri", out _), Is.False);
            Assert.That(baseIds.GetProperty("%SRCROOT%").GetProperty("description").GetProperty("text").GetString(), Is.Not.Empty);
            var invocation = run.GetProperty("invocations")[0];
            Assert.That(invocation.GetProperty("executionSuccessful").GetBoolean(), Is.True);
            Assert.That(invocation.TryGetProperty("toolExecutionNotifications", out _), Is.False);
            Assert.That(json, Does.EndWith("}\n"));
            Assert.That(json, Does.Not.Contain("\r"));
        });
    }

    [Test]
    public void Rules_CarryGitHubProperties()
    {
        using var repository = new TemporaryRepository();
        var sarifOptions = Options with { HelpMarkdown = id => id == "PL1901" ? "# PL1901: Function found\n\nSee `Tags`.\n" : null };

        var (_, _, root) = Sarif(repository, [new FunctionAnalyzer()], sarifOptions: sarifOptions);
        var rules = RunElement(root).GetProperty("tool").GetProperty("driver").GetProperty("rules");
        var pl1901 = rules[4];
        var pl0001 = rules[0];

        Assert.Multiple(() =>
        {
            Assert.That(pl1901.GetProperty("name").GetString(), Is.EqualTo("Function"));
            Assert.That(pl1901.GetProperty("shortDescription").GetProperty("text").GetString(), Is.EqualTo("Function found"));
            Assert.That(pl1901.GetProperty("fullDescription").GetProperty("text").GetString(), Is.EqualTo("Reports every function."));
            Assert.That(pl1901.GetProperty("helpUri").GetString(), Is.EqualTo("https://github.com/policylint/policylint/blob/main/rules/docs/PL1901.md"));
            Assert.That(pl1901.GetProperty("help").GetProperty("markdown").GetString(), Is.EqualTo("# PL1901: Function found\n\nSee `Tags`.\n"));
            Assert.That(pl1901.GetProperty("help").GetProperty("text").GetString(), Is.EqualTo("PL1901: Function found\n\nSee Tags.\n"));
            Assert.That(pl1901.GetProperty("defaultConfiguration").GetProperty("level").GetString(), Is.EqualTo("warning"));
            Assert.That(pl1901.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "security", "ExclusionTags" }));
            Assert.That(pl1901.GetProperty("properties").GetProperty("precision").GetString(), Is.EqualTo("very-high"));
            Assert.That(pl1901.GetProperty("properties").GetProperty("security-severity").GetString(), Is.EqualTo("5.0"));
            Assert.That(pl0001.GetProperty("properties").GetProperty("security-severity").GetString(), Is.EqualTo("7.5"));
            Assert.That(rules[1].GetProperty("properties").GetProperty("security-severity").GetString(), Is.EqualTo("2.0"));
            Assert.That(pl0001.GetProperty("help").GetProperty("text").GetString(), Does.EndWith("See https://github.com/policylint/policylint/blob/main/rules/docs/PL0001.md"));
        });
    }

    [Test]
    public void Results_HaveRuleIndexRegionsLogicalLocationsFingerprintsAndEmptySuppressions()
    {
        using var repository = new TemporaryRepository();
        repository.Write("t.yaml", Template);

        var (_, _, root) = Sarif(repository, [new ReadingAnalyzer(), new FunctionAnalyzer()]);
        var run = RunElement(root);
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var results = run.GetProperty("results").EnumerateArray().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.GetProperty("ruleId").GetString()), Is.EqualTo(new[] { "PL1901", "PL1901", "PL2901" }));
            foreach (var result in results)
            {
                Assert.That(rules[result.GetProperty("ruleIndex").GetInt32()], Is.EqualTo(result.GetProperty("ruleId").GetString()));
                Assert.That(result.GetProperty("suppressions").GetArrayLength(), Is.Zero);
                Assert.That(result.GetProperty("partialFingerprints").GetProperty("primaryLocationLineHash").GetString(), Does.Match("^[0-9a-f]+:[0-9]+$"));
            }

            var zeta = results[0];
            Assert.That(zeta.GetProperty("level").GetString(), Is.EqualTo("warning"));
            Assert.That(zeta.GetProperty("message").GetProperty("text").GetString(), Is.EqualTo("Function 'Zeta'"));
            var location = zeta.GetProperty("locations")[0];
            var artifact = location.GetProperty("physicalLocation").GetProperty("artifactLocation");
            Assert.That(artifact.GetProperty("uri").GetString(), Is.EqualTo("t.yaml"));
            Assert.That(artifact.GetProperty("uriBaseId").GetString(), Is.EqualTo("%SRCROOT%"));
            var region = location.GetProperty("physicalLocation").GetProperty("region");
            Assert.That(new[] { "startLine", "startColumn", "endLine", "endColumn" }.Select(p => region.GetProperty(p).GetInt32()), Is.EqualTo(new[] { 6, 3, 6, 7 }));
            var logical = location.GetProperty("logicalLocations")[0];
            Assert.That(logical.GetProperty("name").GetString(), Is.EqualTo("Zeta"));
            Assert.That(logical.GetProperty("fullyQualifiedName").GetString(), Is.EqualTo("t.yaml#Resources/Zeta"));
            Assert.That(logical.GetProperty("kind").GetString(), Is.EqualTo("resource"));
            Assert.That(zeta.GetProperty("partialFingerprints").GetProperty("policylint/v1").GetString(), Is.EqualTo("398f465ac002b692509b851092469d434c2789415641f1a54b41e6f1e956efe3"), "SHA-256 of 'PL1901|t.yaml|Zeta|'");

            var inherited = results[2];
            Assert.That(inherited.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32(), Is.EqualTo(8), "inherited from Globals: at the logical ID");
            var related = inherited.GetProperty("relatedLocations")[0];
            Assert.That(related.GetProperty("id").GetInt32(), Is.EqualTo(1));
            Assert.That(related.GetProperty("message").GetProperty("text").GetString(), Is.EqualTo("KmsKeyArn set for every function in Globals"));
            Assert.That(related.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32(), Is.EqualTo(4));
        });
    }

    [Test]
    public void SemanticFingerprint_SurvivesLinesInsertedAbove()
    {
        using var before = new TemporaryRepository();
        using var after = new TemporaryRepository();
        before.Write("t.yaml", Template);
        after.Write("t.yaml", "# a comment\nDescription: moved down\n" + Template);

        static IEnumerable<(string?, int)> Fingerprints(JsonElement root) => RunElement(root).GetProperty("results").EnumerateArray().Select(r =>
            (r.GetProperty("partialFingerprints").GetProperty("policylint/v1").GetString(),
             r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()));

        var first = Fingerprints(Sarif(before, [new FunctionAnalyzer()]).Root).ToList();
        var second = Fingerprints(Sarif(after, [new FunctionAnalyzer()]).Root).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(second.Select(f => f.Item1), Is.EqualTo(first.Select(f => f.Item1)));
            Assert.That(second.Select(f => f.Item2), Is.EqualTo(first.Select(f => f.Item2 + 2)));
        });
    }

    [Test]
    public void Output_IsByteIdenticalAcrossRuns()
    {
        using var repository = new TemporaryRepository();
        repository.Write("t.yaml", Template);
        repository.Write("b/t.yaml", Template);

        var first = Sarif(repository, [new ReadingAnalyzer(), new FunctionAnalyzer()]).Json;
        var second = Sarif(repository, [new ReadingAnalyzer(), new FunctionAnalyzer()]).Json;
        using var stream = new MemoryStream();
        var run = AnalysisDriverTests.Run(repository, [new ReadingAnalyzer(), new FunctionAnalyzer()]);
        SarifReporter.Write(SarifReporter.Build(run, Options), stream);

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(stream.ToArray(), Is.EqualTo(System.Text.Encoding.UTF8.GetBytes(first)), "no byte order mark, same bytes as ToJson");
        });
    }

    [Test]
    public void FileLevelAndEndOfStreamResults_HaveValidRegions()
    {
        using var repository = new TemporaryRepository();
        repository.CopyFrom(TestInput.CasePath("023-sarif-region-columns-at-eof"));
        repository.Write("security/inspector-exclusions.yaml", "version: 1\nexclusions: []\n");

        var (_, _, root) = Sarif(repository, [new LedgerAnalyzer()]);
        var regions = RunElement(root).GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation"))
            .Select(p => $"{p.GetProperty("artifactLocation").GetProperty("uri").GetString()} {string.Join(",", new[] { "startLine", "startColumn", "endLine", "endColumn" }.Select(n => p.GetProperty("region").GetProperty(n).GetInt32()))}");

        Assert.That(regions, Is.EqualTo(new[]
        {
            "broken/template.yaml 11,56,11,56",
            "security/inspector-exclusions.yaml 1,1,1,1",
        }));
    }

    [Test]
    public void Notifications_SeverityOverrides_AndFailedExecution()
    {
        using var repository = new TemporaryRepository();
        repository.Write("t.yaml", Template);
        var options = new AnalysisOptions
        {
            Today = new DateOnly(2026, 11, 29),
            SeverityOverrides = new Dictionary<string, DiagnosticSeverity?> { ["PL1901"] = DiagnosticSeverity.Error, ["PL0002"] = null },
        };

        var (_, _, root) = Sarif(repository, [new ThrowingAnalyzer(), new FunctionAnalyzer()], options);
        var invocation = RunElement(root).GetProperty("invocations")[0];
        var notification = invocation.GetProperty("toolExecutionNotifications")[0];
        var overrides = invocation.GetProperty("ruleConfigurationOverrides").EnumerateArray()
            .Select(o => $"{o.GetProperty("descriptor").GetProperty("id").GetString()}@{o.GetProperty("descriptor").GetProperty("index").GetInt32()} {o.GetProperty("configuration").GetProperty("level").GetString()} {(o.GetProperty("configuration").TryGetProperty("enabled", out var e) ? e.GetBoolean().ToString() : "-")}");

        Assert.Multiple(() =>
        {
            Assert.That(invocation.GetProperty("executionSuccessful").GetBoolean(), Is.False);
            Assert.That(notification.GetProperty("level").GetString(), Is.EqualTo("error"));
            Assert.That(notification.GetProperty("message").GetProperty("text").GetString(), Is.EqualTo("Analyzer ThrowingAnalyzer failed on t.yaml: InvalidOperationException: boom"));
            Assert.That(notification.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(), Is.EqualTo("t.yaml"));
            Assert.That(overrides, Is.EqualTo(new[] { "PL0002@1 none False", "PL1901@4 error -" }));
            Assert.That(RunElement(root).GetProperty("results")[0].GetProperty("level").GetString(), Is.EqualTo("error"));
        });
    }

    [Test]
    public void SuppressedResults_CarryTheirSuppression_OrAreOmitted()
    {
        using var repository = new TemporaryRepository();
        repository.Write("t.yaml", Template);
        var run = AnalysisDriverTests.Run(repository, [new FunctionAnalyzer()]);
        var source = run.Diagnostics[0].Location.Source;
        var suppression = new SuppressionInfo("Reviewed by security", new DateOnly(2027, 1, 31), new PolicyLint.Core.Text.Location(source, new PolicyLint.Core.Text.TextSpan(0, 9)));
        var suppressed = run with { Diagnostics = [run.Diagnostics[0].WithSuppression(suppression), run.Diagnostics[1]] };

        var json = SarifReporter.ToJson(SarifReporter.Build(suppressed, Options));
        var omitted = SarifReporter.ToJson(SarifReporter.Build(suppressed, Options with { OmitSuppressed = true }));
        SarifSchema.AssertValid(json);
        SarifSchema.AssertValid(omitted);
        var results = RunElement(JsonDocument.Parse(json).RootElement).GetProperty("results");
        var entry = results[0].GetProperty("suppressions")[0];

        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("kind").GetString(), Is.EqualTo("inSource"));
            Assert.That(entry.GetProperty("status").GetString(), Is.EqualTo("accepted"));
            Assert.That(entry.GetProperty("justification").GetString(), Is.EqualTo("Reviewed by security"));
            Assert.That(entry.GetProperty("properties").GetProperty("expiryUtc").GetString(), Is.EqualTo("2027-01-31T23:59:59Z"));
            Assert.That(results[1].GetProperty("suppressions").GetArrayLength(), Is.Zero);
            Assert.That(RunElement(JsonDocument.Parse(omitted).RootElement).GetProperty("results").GetArrayLength(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Read_RoundTripsTheLog()
    {
        using var repository = new TemporaryRepository();
        repository.Write("t.yaml", Template);
        var json = Sarif(repository, [new FunctionAnalyzer()]).Json;

        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var log = SarifReporter.Read(stream)!;

        Assert.That(SarifReporter.ToJson(log), Is.EqualTo(json));
    }

    private const string MixedSeverities = """
        Resources:
          First:
            Type: AWS::Serverless::Function
          QueueA:
            Type: AWS::SQS::Queue
          QueueB:
            Type: AWS::SQS::Queue
          Second:
            Type: AWS::Serverless::Function
        """;

    private static List<string> ResultLines(JsonElement root) =>
        [.. RunElement(root).GetProperty("results").EnumerateArray().Select(r =>
            $"{r.GetProperty("level").GetString()} {r.GetProperty("message").GetProperty("text").GetString()} {r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()}")];

    [Test]
    public void AboveTheLimit_KeepsErrorsThenWarningsThenNotes_InReportOrder_AndSaysWhatWasLeftOut()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", MixedSeverities);
        repository.Write("security/inspector-exclusions.yaml", "version: 1\nexclusions: []\n");

        var (run, _, root) = Sarif(repository, [new FunctionAnalyzer(), new RepeatingAnalyzer(), new LedgerAnalyzer()], sarifOptions: Options with { MaxResults = 3 });

        Assert.That(run.Diagnostics, Has.Count.EqualTo(5), "two warnings, two errors, one note");
        Assert.That(ResultLines(root), Is.EqualTo(new[]
        {
            "warning Function 'First' template.yaml",
            "error Resource 'QueueA' template.yaml",
            "error Resource 'QueueB' template.yaml",
        }));
        var invocation = RunElement(root).GetProperty("invocations")[0];
        Assert.That(invocation.GetProperty("executionSuccessful").GetBoolean(), Is.True);
        var notification = invocation.GetProperty("toolExecutionNotifications")[0];
        Assert.That(notification.GetProperty("level").GetString(), Is.EqualTo("warning"));
        Assert.That(notification.GetProperty("message").GetProperty("text").GetString(), Is.EqualTo(
            "5 results exceed the limit of 3 per SARIF run (GitHub code scanning accepts at most 25,000), so 2 were left out " +
            "(1 warning, 1 note), the least severe first; the text and JSON output list every result"));
    }

    [Test]
    public void AtTheLimit_KeepsEveryResult_WithoutANotification()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", MixedSeverities);

        var (_, _, root) = Sarif(repository, [new FunctionAnalyzer(), new RepeatingAnalyzer()], sarifOptions: Options with { MaxResults = 4 });

        Assert.That(ResultLines(root), Has.Count.EqualTo(4));
        Assert.That(RunElement(root).GetProperty("invocations")[0].TryGetProperty("toolExecutionNotifications", out _), Is.False);
    }

    [Test]
    public void TheDefaultLimit_IsGitHubs()
    {
        Assert.That(new SarifOptions().MaxResults, Is.EqualTo(25_000));
    }
}
