using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary>Formats, output files and atomic writes.</summary>
public sealed partial class OutputTests
{
    private static readonly string Problems = CliRunner.Samples("inspector-problems");

    [Test]
    public void Text_IsOneCompilerStyleLinePerResult_ThenTheSummary()
    {
        var run = CliRunner.Lint(Problems);

        var lines = run.Stdout.Split('\n');
        Assert.That(run.Stdout, Does.EndWith("\n").And.Not.Contain("\r"));
        var golden = CliRunner.SampleGolden("inspector-problems");
        Assert.That(lines[..^2], Has.Length.EqualTo(golden.ResultLines.Length).And.All.Match(ResultLine().ToString()));
        Assert.That(lines[^2], Is.EqualTo(golden.Summary));
        Assert.That(lines[^2], Does.Not.Match(ResultLine().ToString()));
    }

    [Test]
    public void Markdown_LinksUnderTheLinkBase_ForAJobSummary()
    {
        var relative = CliRunner.Lint("--format", "markdown", Problems).Stdout;
        var run = CliRunner.Lint("--format", "markdown", "--markdown-link-base", "https://github.com/acme/app/blob/0123abc", Problems);

        Assert.That(relative, Does.Contain("](services/orders/template.yaml#L"));
        Assert.That(run.Stdout, Is.EqualTo(relative.Replace("](services/", "](https://github.com/acme/app/blob/0123abc/services/", StringComparison.Ordinal)
            .Replace("](security/", "](https://github.com/acme/app/blob/0123abc/security/", StringComparison.Ordinal)));
        Assert.That(run.Stdout, Does.Not.Contain("](services/").And.Not.Contain("](security/"));
    }

    [Test]
    public void TextIsTheDefault()
    {
        Assert.That(CliRunner.Lint(Problems).Stdout, Is.EqualTo(CliRunner.Lint("--format", "text", Problems).Stdout));
    }

    [Test]
    public void Sarif_IsValidWithOneRunAndEveryResult()
    {
        var run = CliRunner.Lint("--format", "sarif", Problems);

        using var sarif = run.Sarif();
        var runElement = sarif.RootElement.GetProperty("runs")[0];
        Assert.That(sarif.RootElement.GetProperty("runs").GetArrayLength(), Is.EqualTo(1));
        Assert.That(runElement.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString(), Is.EqualTo("PolicyLint"));
        Assert.That(CliRunner.Results(sarif).Count(), Is.EqualTo(CliRunner.SampleGolden("inspector-problems").ResultLines.Length));
        Assert.That(runElement.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean(), Is.True);
    }

    [Test]
    public void Sarif_OfACleanRepository_HasEmptyResults()
    {
        var run = CliRunner.Lint("--format", "sarif", CliRunner.Samples("inspector-basic"));

        using var sarif = run.Sarif();
        Assert.That(sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength(), Is.Zero);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void Json_HasResultsInTextOrderAndASummary()
    {
        var text = CliRunner.Lint(Problems);
        var run = CliRunner.Lint("--format", "json", Problems);

        using var json = JsonDocument.Parse(run.Stdout);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        var fromJson = results.Select(r => $"{r.GetProperty("path").GetString()}({r.GetProperty("line").GetInt32()},{r.GetProperty("column").GetInt32()}) {r.GetProperty("id").GetString()}");
        var fromText = text.Stdout.Split('\n')[..^2].Select(l => Regex.Replace(l, @"^(\S+\(\d+,\d+\)): \w+ (PL\d{4}):.*$", "$1 $2"));
        Assert.That(fromJson, Is.EqualTo(fromText));
        var summary = json.RootElement.GetProperty("summary");
        var golden = CliRunner.SampleGolden("inspector-problems");
        Assert.That((summary.GetProperty("errors").GetInt32(), summary.GetProperty("warnings").GetInt32(), summary.GetProperty("notes").GetInt32(), summary.GetProperty("files").GetInt32()), Is.EqualTo((golden.Count("errors?"), golden.Count("warnings?"), golden.Count("info"), golden.Count("files?"))));
    }

    [TestCase("text")]
    [TestCase("sarif")]
    [TestCase("json")]
    public void Output_WritesTheFormatToTheFile_AndNothingToStdout(string format)
    {
        using var directory = new TemporaryRepository();
        var path = Path.Combine(directory.Root, "report.out");

        var run = CliRunner.Lint("--format", format, "--output", path, Problems);

        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(File.ReadAllText(path), Is.EqualTo(CliRunner.Lint("--format", format, Problems).Stdout));
        if (format == "sarif")
            SarifSchema.AssertValid(File.ReadAllText(path));
    }

    [Test]
    public void Output_RelativePath_IsResolvedAgainstTheWorkingDirectory()
    {
        using var directory = new TemporaryRepository();

        CliRunner.Run(directory.Root, "--today", CliRunner.Today, "--output", "report.txt", Problems);

        Assert.That(File.ReadAllText(Path.Combine(directory.Root, "report.txt")), Does.EndWith(CliRunner.SampleGolden("inspector-problems").Summary + "\n"));
    }

    [Test]
    public void SarifOption_WritesSarifInAdditionToStdout()
    {
        using var directory = new TemporaryRepository();
        var sarifPath = Path.Combine(directory.Root, "policylint.sarif");

        var run = CliRunner.Lint("--sarif", sarifPath, Problems);

        Assert.That(run.Stdout, Is.EqualTo(CliRunner.Lint(Problems).Stdout));
        var sarif = File.ReadAllText(sarifPath);
        SarifSchema.AssertValid(sarif);
        Assert.That(sarif, Is.EqualTo(CliRunner.Lint("--format", "sarif", Problems).Stdout));
    }

    [Test]
    public void SarifOption_WithOutput_WritesBothFiles()
    {
        using var directory = new TemporaryRepository();
        var jsonPath = Path.Combine(directory.Root, "out.json");
        var sarifPath = Path.Combine(directory.Root, "out.sarif");

        var run = CliRunner.Lint("--format", "json", "--output", jsonPath, "--sarif", sarifPath, Problems);

        Assert.That(run.Stdout, Is.Empty);
        Assert.That(JsonDocument.Parse(File.ReadAllText(jsonPath)).RootElement.GetProperty("version").GetInt32(), Is.EqualTo(1));
        SarifSchema.AssertValid(File.ReadAllText(sarifPath));
    }

    // {dir} is a fresh folder; the second copy is b.sarif when named, else standard output.
    [TestCase("--sarif", "{dir}/a.sarif", "--format", "sarif", "--output", "{dir}/b.sarif")]
    [TestCase("--sarif", "{dir}/a.sarif", "--report", "sarif={dir}/b.sarif", "--format", "json")]
    [TestCase("--sarif", "{dir}/a.sarif", "--format", "sarif")]
    public void SarifWrittenTwice_IsBuiltOnce(params string[] outputs)
    {
        using var directory = new TemporaryRepository();
        var args = outputs.Select(a => a.Replace("{dir}", directory.Root, StringComparison.Ordinal)).Append(Problems).ToArray();

        var before = Core.Reporting.SarifReporter.BuildsOnThisThread;
        var run = CliRunner.Lint(args);
        var builds = Core.Reporting.SarifReporter.BuildsOnThisThread - before;

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure), run.Stderr);
        Assert.That(builds, Is.EqualTo(1), "one SARIF log per run, however many outputs it is written to");
        var first = File.ReadAllText(Path.Combine(directory.Root, "a.sarif"));
        var secondPath = Path.Combine(directory.Root, "b.sarif");
        Assert.That(File.Exists(secondPath) ? File.ReadAllText(secondPath) : run.Stdout, Is.EqualTo(first));
        SarifSchema.AssertValid(first);
    }

    [Test]
    public void Output_ReplacesALongerOldFileCompletely()
    {
        using var directory = new TemporaryRepository();
        var path = directory.Write("report.txt", new string('x', 100_000));

        CliRunner.Lint("--output", path, CliRunner.Samples("inspector-basic"));

        Assert.That(File.ReadAllText(path), Is.EqualTo("PolicyLint: 0 errors, 0 warnings, 0 info in 4 files\n"));
        Assert.That(Directory.GetFiles(directory.Root), Has.Length.EqualTo(1));
    }

    [TestCase("--output")]
    [TestCase("--sarif")]
    public void FailedWrite_IntoMissingFolder_ExitsTwo_AndLeavesNothingBehind(string option)
    {
        using var directory = new TemporaryRepository();
        var old = directory.Write("report.txt", "old report\n");
        var target = Path.Combine(directory.Root, "missing", "report.txt");

        var run = CliRunner.Lint(option, target, Problems);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Is.EqualTo($"policylint: error: cannot write '{target}': its folder does not exist\n"));
        Assert.That(File.ReadAllText(old), Is.EqualTo("old report\n"));
        Assert.That(Directory.GetFileSystemEntries(directory.Root), Is.EqualTo(new[] { old }));
    }

    [TestCase("--output")]
    [TestCase("--sarif")]
    public void FailedWrite_ToAPathThatIsAFolder_ExitsTwo_KeepsTheFolderAndOldFiles_AndLeavesNoTemporaryFile(string option)
    {
        using var directory = new TemporaryRepository();
        var old = directory.Write("out/report.sarif", "old sarif\n");
        var folder = Path.Combine(directory.Root, "out");

        var run = CliRunner.Lint(option, folder, Problems);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Does.StartWith($"policylint: error: cannot write '{folder}': "));
        Assert.That(File.ReadAllText(old), Is.EqualTo("old sarif\n"));
        Assert.That(Directory.GetFileSystemEntries(directory.Root, "*", SearchOption.AllDirectories), Is.EquivalentTo(new[] { folder, old }));
    }

    [Test]
    public void FailedSarifWrite_KeepsTheOldOutputFile_Untruncated()
    {
        using var directory = new TemporaryRepository();
        var report = directory.Write("report.txt", "old report\n");

        var run = CliRunner.Lint("--output", Path.Combine(directory.Root, "missing", "report.txt"), "--sarif", report, Problems);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(File.ReadAllText(report), Is.EqualTo("old report\n"));
    }

    [Test]
    public void Sarif_IsByteIdenticalAcrossRuns()
    {
        var first = CliRunner.Lint("--format", "sarif", Problems);
        var second = CliRunner.Lint("--format", "sarif", Problems);

        SarifSchema.AssertValid(first.Stdout);
        Assert.That(second.Stdout, Is.EqualTo(first.Stdout));
    }

    [GeneratedRegex(@"^[^()\s]+\(\d+,\d+\): (error|warning|info) PL\d{4}: .+$")]
    private static partial Regex ResultLine();
}
