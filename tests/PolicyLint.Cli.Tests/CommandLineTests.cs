using NUnit.Framework;
using PolicyLint.Core.Reporting;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

public sealed class CommandLineTests
{
    [Test]
    public void Help_ExitsZero()
    {
        var run = CliRunner.Run(RepositoryPaths.Root, "--help");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(run.Stdout, Does.Contain("Usage:").And.Contain("--fail-level").And.Contain("--sarif"));
        Assert.That(run.Stderr, Is.Empty);
    }

    /// <summary>The usage line of a help text, without the program name (testhost in process, policylint installed).</summary>
    private static string Usage(string help) =>
        System.Text.RegularExpressions.Regex.Match(help, "\nUsage:\n  \\S+ (.*)\n").Groups[1].Value;

    [TestCase("rules", ExpectedResult = "rules [<ID>...] [options]")]
    [TestCase("ledger", ExpectedResult = "ledger [command] [options]")]
    [TestCase("ledger status", ExpectedResult = "ledger status [options]")]
    [TestCase("ledger add", ExpectedResult = "ledger add [options]")]
    public string SubcommandHelp_ShowsItsOwnUsage_WithoutTheLintCommandsPath(string command)
    {
        var run = CliRunner.Run(RepositoryPaths.Root, [.. command.Split(' '), "--help"]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(run.Stderr, Is.Empty);
        Assert.That(run.Stdout, Does.Not.Contain("[<PATH>...]").And.Not.Contain("<PATH>  Files or folders"));
        if (command == "rules")
            Assert.That(run.Stdout, Does.Contain("\nArguments:\n  <ID>  Rule IDs, e.g. PL1001 (any case): print their pages.\n\nOptions:\n"));
        else
            Assert.That(run.Stdout, Does.Not.Contain("Arguments:"));
        if (command.StartsWith("ledger ", StringComparison.Ordinal))
            Assert.That(run.Stdout, Does.Contain("\n  --stack-name <NAME> ").And.Contain("\n  --config-env <ENV> ").And.Contain("\n  --parameter <NAME=VALUE> "));
        return Usage(run.Stdout);
    }

    [Test]
    public void RootHelp_ShowsPath_AndListsTheSubcommandsByName()
    {
        var run = CliRunner.Run(RepositoryPaths.Root, "--help");

        Assert.That(Usage(run.Stdout), Is.EqualTo("[<PATH>...] [command] [options]"));
        Assert.That(run.Stdout, Does.Contain("\nArguments:\n  <PATH>  Files or folders whose results to report"));
        Assert.That(run.Stdout, Does.EndWith(
            "\nCommands:\n" +
            "  rules   List every rule (ID, default severity, category, title), or print the pages of the rules named.\n" +
            "  ledger  The exclusion ledger: 'status' for the weekly review, 'add' to record an exclusion tag.\n\n"));
    }

    [Test]
    public void Help_OnATerminal_IsWrappedAtColumns_Else80_AndNeverInAPipe()
    {
        static string[] Lines(CliEnvironment environment)
        {
            using var stdout = new StringWriter { NewLine = "\n" };
            using var stderr = new StringWriter { NewLine = "\n" };
            Assert.That(CliApp.Run(["--help"], stdout, stderr, RepositoryPaths.Root, environment), Is.EqualTo(ExitCodes.Success));
            return stdout.ToString().Split('\n');
        }

        var columns = Lines(new CliEnvironment(true, name => name == "COLUMNS" ? "60" : null));
        var terminal = Lines(new CliEnvironment(true, _ => null));
        var pipe = Lines(new CliEnvironment(false, name => name == "COLUMNS" ? "60" : null));

        Assert.That(columns.Max(l => l.Length), Is.EqualTo(60).Or.EqualTo(59));
        Assert.That(terminal.Max(l => l.Length), Is.InRange(70, 80));
        Assert.That(pipe.Max(l => l.Length), Is.GreaterThan(150));
    }

    [Test]
    public void Version_ExitsZero()
    {
        var run = CliRunner.Run(RepositoryPaths.Root, "--version");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assume.That(Integration.ExternalTool.Run("git", RepositoryPaths.Root, null, "rev-parse", "HEAD").ExitCode, Is.Zero, "not a git work tree: the build has no commit to name");
        // The version and the commit the build was made from: HEAD when nothing was committed since the build.
        var match = System.Text.RegularExpressions.Regex.Match(run.Stdout, $@"^{System.Text.RegularExpressions.Regex.Escape(ToolInfo.Current.Version)}\+([0-9a-f]{{40}})\n$");
        Assert.That(match.Success, Is.True, run.Stdout);
        Assert.That(ToolInfo.SourceRevision, Is.EqualTo(match.Groups[1].Value));
        var ancestor = Integration.ExternalTool.Run("git", RepositoryPaths.Root, null, "merge-base", "--is-ancestor", match.Groups[1].Value, "HEAD");
        Assert.That(ancestor.ExitCode, Is.Zero, $"{match.Groups[1].Value} is a commit of this repository's history: {ancestor.Output}");
    }

    private static IEnumerable<TestCaseData> UsageErrors()
    {
        var basic = CliRunner.Samples("inspector-basic");
        var problems = CliRunner.Samples("inspector-problems");
        yield return new TestCaseData(new[] { "--bogus", basic }, "unknown option '--bogus'").SetName("UnknownOption");
        yield return new TestCaseData(new[] { "--format", "xml", basic }, "--format: 'xml' is not one of").SetName("BadFormat");
        yield return new TestCaseData(new[] { "--markdown-link-base", "blob/main", basic }, "--markdown-link-base: 'blob/main' is not an absolute http or https URL").SetName("RelativeMarkdownLinkBase");
        yield return new TestCaseData(new[] { "--markdown-link-base", "https://github.com/o/r/blob/s/?x=1", basic }, "without a query or fragment").SetName("MarkdownLinkBaseWithQuery");
        yield return new TestCaseData(new[] { "--fail-level", "fatal", basic }, "--fail-level: 'fatal' is not one of").SetName("BadFailLevel");
        yield return new TestCaseData(new[] { "--today", "2026-13-01", basic }, "--today '2026-13-01' is not a calendar date").SetName("BadToday_NoSuchMonth");
        yield return new TestCaseData(new[] { "--today", "29/11/2026", basic }, "--today '29/11/2026' is not a date of the form YYYY-MM-DD").SetName("BadToday_WrongForm");
        yield return new TestCaseData(new[] { "samples/no-such-folder" }, "PATH 'samples/no-such-folder' does not exist").SetName("PathDoesNotExist");
        yield return new TestCaseData(new[] { "--root", basic, problems }, $"PATH '{problems}' is outside the root").SetName("PathOutsideRoot");
        yield return new TestCaseData(new[] { "--ledger", Path.Combine(problems, "security", "inspector-exclusions.yaml"), basic }, "--ledger '").SetName("LedgerOutsideRoot");
        yield return new TestCaseData(new[] { "--ledger", Path.Combine(basic, "security", "missing.yaml"), basic }, "missing.yaml' does not exist").SetName("LedgerMissing");
        yield return new TestCaseData(new[] { "--root", Path.Combine(basic, "template.yaml") }, "is not a folder").SetName("RootIsAFile");
    }

    [TestCaseSource(nameof(UsageErrors))]
    public void UsageError_ExitsTwoWithOneClearLine(string[] args, string expected)
    {
        var run = CliRunner.Run(RepositoryPaths.Root, [.. args.Contains("--today") ? [] : new[] { "--today", CliRunner.Today }, .. args]);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Does.StartWith("policylint: error: ").And.Contain(expected));
    }

    [TestCase("--fail-level fatal", "--fail-level: 'fatal' is not one of error, warning, note, none")]
    [TestCase("--format xml", "--format: 'xml' is not one of text, gnu, github, markdown, sarif, json")]
    [TestCase("--format=XML", "--format: 'XML' is not one of text, gnu, github, markdown, sarif, json")]
    [TestCase("ledger status --format html", "--format: 'html' is not one of text, markdown, json")]
    [TestCase("ledger add --template t.yaml --logical-id F --scan-type both", "--scan-type: 'both' is not one of standard, code")]
    public void BadValue_NamesTheOptionAndTheValuesItAccepts(string args, string expected)
    {
        var run = CliRunner.Run(RepositoryPaths.Root, args.Split(' '));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Is.EqualTo($"policylint: error: {expected}\nRun 'policylint --help' for usage.\n"));
    }

    [Test]
    public void LedgerOutsideRoot_NamesTheRoot()
    {
        var basic = CliRunner.Samples("inspector-basic");
        var outside = Path.Combine(CliRunner.Samples("inspector-problems"), "security", "inspector-exclusions.yaml");

        var run = CliRunner.Lint("--ledger", outside, basic);

        Assert.That(run.Stderr, Is.EqualTo($"policylint: error: --ledger '{outside}' is outside the root '{basic}'\n"));
    }

    [Test]
    public void ExplicitLedger_IsUsed()
    {
        using var repository = new TemporaryRepository();
        repository.CopyFrom(CliRunner.Samples("inspector-basic"));
        File.Move(Path.Combine(repository.Root, "security", "inspector-exclusions.yaml"), Path.Combine(repository.Root, "ledger.yaml"));

        var withDefault = CliRunner.Lint(repository.Root);
        var withLedger = CliRunner.Lint("--ledger", Path.Combine(repository.Root, "ledger.yaml"), repository.Root);

        Assert.That(withDefault.Stdout, Does.Contain("error PL1001"));
        Assert.That(withLedger.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(withLedger.Stdout, Is.EqualTo("PolicyLint: 0 errors, 0 warnings, 0 info in 4 files\n"));
    }

    [TestCase("--stack-name", "@orders", "--stack-name '@orders'")]
    [TestCase("rules", "@PL1001", "unknown rule '@PL1001'")]
    public void AnArgumentStartingWithAt_IsAValue_NotAResponseFile(string option, string value, string quoted)
    {
        var run = option == "rules"
            ? CliRunner.Run(RepositoryPaths.Root, option, value)
            : CliRunner.Lint(option, value, "samples/inspector-basic");

        Assert.That(run.Stderr, Does.Not.Contain("response file"));
        if (option == "rules")
            Assert.That(run.Stderr, Does.Contain(quoted));
        else
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
    }
}
