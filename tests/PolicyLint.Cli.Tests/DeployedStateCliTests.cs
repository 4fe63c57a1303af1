using System.Text.Json;
using NUnit.Framework;
using PolicyLint.Cli.Tests.Integration;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary>The deployed state on the command line: <c>--deployed</c> and the <c>deployed</c> key, exports outside the
/// root in SARIF, outputs that are exports, and the live view of <c>ledger status</c>.</summary>
public sealed class DeployedStateCliTests
{
    /// <summary>The day the sample's exports are dated to (their modification time).</summary>
    public static readonly DateTime SampleExportTime = new(2026, 11, 29, 6, 0, 0, DateTimeKind.Utc);

    /// <summary>Sets the modification time of the deployed-state sample's exports to <see cref="SampleExportTime"/>.</summary>
    public static void DateSampleExports()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(CliRunner.Samples("deployed-state"), "deployed"), "*.json"))
            File.SetLastWriteTimeUtc(file, SampleExportTime);
    }

    private const string Template = "Resources:\n  Api:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: orders-api\n";

    private const string Export = """
        {"ResourceTagMappingList": [{"ResourceARN": "arn:aws:lambda:eu-west-1:111122223333:function:orders-api", "Tags": [{"Key": "InspectorExclusion", "Value": "LambdaStandardScanning"}]}]}

        """;

    [OneTimeSetUp]
    public void SetUp() => DateSampleExports();

    [Test]
    public void ExportOutsideTheRoot_IsAnAbsoluteFileUri_InValidSarif_WithItsArtifact()
    {
        using var repository = new TemporaryRepository();
        using var outside = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        var export = outside.Write("exports/tags.json", Export);
        File.SetLastWriteTimeUtc(export, SampleExportTime);

        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--format", "sarif", "--deployed", export);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Stderr);
        SarifSchema.AssertValid(run.Stdout);
        using var sarif = JsonDocument.Parse(run.Stdout);
        var runElement = sarif.RootElement.GetProperty("runs")[0];
        var result = CliRunner.Results(sarif).Single(r => r.GetProperty("ruleId").GetString() == "PL7001");
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
        var artifact = runElement.GetProperty("artifacts")[0];
        Assert.Multiple(() =>
        {
            Assert.That(location.GetProperty("uri").GetString(), Is.EqualTo("file://" + string.Join('/', export.Split('/').Select(Uri.EscapeDataString))));
            Assert.That(location.TryGetProperty("uriBaseId", out _), Is.False, "an absolute URI has no base");
            Assert.That(new Uri(location.GetProperty("uri").GetString()!).LocalPath, Is.EqualTo(export));
            Assert.That(artifact.GetProperty("lastModifiedTimeUtc").GetString(), Is.EqualTo("2026-11-29T06:00:00Z"));
            Assert.That(artifact.GetProperty("roles")[0].GetString(), Is.EqualTo("analysisTarget"));
            Assert.That(artifact.GetProperty("description").GetProperty("text").GetString(),
                Is.EqualTo("AWS CLI export of aws resourcegroupstaggingapi get-resources: 1 page, 1 Lambda function record in 111122223333/eu-west-1"));
        });
    }

    [Test]
    public void DeployedThatDoesNotExist_IsAUsageError()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);

        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--deployed", "missing.json");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stderr, Is.EqualTo("policylint: error: --deployed 'missing.json' does not exist\n"));
    }

    /// <summary>An export that is a device or a FIFO (a link to /dev/zero in the configured folder: second new-user
    /// trial of 2026-12-07, where the run aborted with "Out of memory", and a FIFO hung it) is PL0001, never opened; the
    /// other exports and the templates are still analyzed.</summary>
    [Test]
    public void ExportThatIsADeviceOrAFifo_IsPl0001_AndNotOpened()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        repository.Write("exports/tags.json", Export);
        File.CreateSymbolicLink(Path.Combine(repository.Root, "exports", "zero.json"), "/dev/zero");
        var (exitCode, output) = ExternalTool.Run("mkfifo", repository.Root, null, "exports/fifo.json");
        Assert.That(exitCode, Is.Zero, output);

        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--deployed", "exports");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Stdout, Does.Contain("exports/fifo.json(1,1): error PL0001: Cannot read the export: a FIFO (named pipe), not a regular file\n"));
        Assert.That(run.Stdout, Does.Contain("exports/zero.json(1,1): error PL0001: Cannot read the export: a character device, not a regular file\n"));
        Assert.That(run.Stdout, Does.Contain("exports/tags.json(1,116): error PL7001: "));
    }

    [Test]
    public void ConfiguredExportThatDoesNotExist_IsPl0004()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        repository.Write(".policylint.yaml", "deployed: [exports]\n");

        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Stdout, Does.Contain(".policylint.yaml(1,12): error PL0004: The export 'exports' does not exist"));
    }

    [Test]
    public void OutputThatIsAnExport_IsRefused_AndTheExportIsNotATemplate()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        repository.Write("exports/tags.json", Export);

        var refused = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--deployed", "exports", "--report", "sarif=exports/tags.json");
        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--deployed", "exports");

        Assert.That(refused.ExitCode, Is.EqualTo(2));
        Assert.That(refused.Stderr, Does.StartWith("policylint: error: --report sarif=exports/tags.json is an input of this run (a template, a samconfig, or other YAML or JSON under the root)"));
        Assert.That(repository.Read("exports/tags.json"), Is.EqualTo(Export));
        Assert.That(run.Stdout, Does.StartWith("exports/tags.json(1,116): error PL7001: "));
        Assert.That(run.Stdout, Does.Contain("PolicyLint: 1 error, 2 warnings, 0 info in 2 files"));
    }

    [Test]
    public void LedgerStatus_WithTheSampleExports_ShowsWhatIsLive()
    {
        var run = CliRunner.Run(RepositoryPaths.Root, "ledger", "status", "--today", CliRunner.Today, "--root", "samples/deployed-state");

        Assert.That(run.ExitCode, Is.EqualTo(1), "an entry has expired");
        Assert.That(run.Stdout, Is.EqualTo("""
            status   function/filter        scan type  owner   ticket    expires     days  review      days  line  deployed
            expired  template.yaml#Reports  standard   orders  SEC-2087  2026-11-15  -14   -           -     14    excluded
            ok       orders-nightly         code       orders  SEC-2130  2027-02-28  91    -           -     25    not deployed
            ok       orders-api             standard   orders  SEC-2101  2027-03-28  119   2027-01-15  47    4     excluded
            security/inspector-exclusions.yaml(24,38): error PL3001: Ledger entry 'template.yaml#Reports' expired on 2026-11-15 (14 days ago); review the exception and extend expires_at, or end it and remove the exclusion
            security/inspector-exclusions.yaml(24,38): error PL7004: Ledger entry 'template.yaml#Reports' expired on 2026-11-15 (14 days ago), but arn:aws:lambda:eu-west-1:111122223333:function:orders-reports is still excluded from standard scanning; remove the tag from the deployed function or renew the entry
            Ledger security/inspector-exclusions.yaml on 2026-11-29: 1 expired, 0 invalid, 0 expiring within 14 days, 0 overdue review, 2 ok
            Deployed state from 3 exports: deployed/get-resources.json (made 2026-11-29T06:00:00Z); deployed/list-coverage.json (made 2026-11-29T06:00:00Z); deployed/list-functions.json (made 2026-11-29T06:00:00Z)
            Failed: 2 results at or above the fail level (error): 1 PL3001, 1 PL7004

            """));
    }

    [Test]
    public void LedgerStatus_Json_ListsTheDeployedFunctionsOfEachEntry_AndTheExports()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        repository.Write("security/inspector-exclusions.yaml", """
            version: 1
            exclusions:
              - target: { type: lambda, function_name: orders-api }
                scan_type: code
                reason: { summary: Generated code, ticket: SEC-1 }
                owner: { team: orders, approved_by: appsec }
                dates: { applied_at: 2026-10-15, expires_at: 2027-03-31 }
            """);
        File.SetLastWriteTimeUtc(repository.Write("exports/tags.json", Export), SampleExportTime);

        var run = CliRunner.Run(repository.Root, "ledger", "status", "--today", CliRunner.Today, "--format", "json", "--deployed", "exports");
        using var json = JsonDocument.Parse(run.Stdout);
        var entry = json.RootElement.GetProperty("entries")[0];

        Assert.That(entry.GetProperty("deployed").GetRawText(), Is.EqualTo("{\n        \"state\": \"not excluded\",\n        \"functions\": [\n          \"arn:aws:lambda:eu-west-1:111122223333:function:orders-api\"\n        ]\n      }"));
        Assert.That(json.RootElement.GetProperty("exports")[0].GetProperty("madeAt").GetString(), Is.EqualTo("2026-11-29T06:00:00Z"));
    }

    [Test]
    public void ReadmeExample_ShowsTheSamplesFirstLineAndSummary()
    {
        const string command = "$ policylint --today 2026-11-29 samples/deployed-state\n";
        var readme = File.ReadAllText(RepositoryPaths.Get("README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf(command, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "the README shows the sample's run");
        var shown = readme[(start + command.Length)..readme.IndexOf("```", start, StringComparison.Ordinal)].TrimEnd('\n').Split('\n');

        var lines = CliRunner.Lint("samples/deployed-state").Stdout.TrimEnd('\n').Split('\n');

        Assert.That((shown[0], shown[^1]), Is.EqualTo((lines[0], lines[^1])));
    }
}
