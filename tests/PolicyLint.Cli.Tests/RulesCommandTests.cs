using NUnit.Framework;
using PolicyLint.Core.Analysis;
using PolicyLint.Rules;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary><c>policylint rules [ID...]</c>, and docs/conventions.md#c3: a subcommand name wins over a folder of that name.</summary>
public sealed class RulesCommandTests
{
    [Test]
    public void Rules_ListsEveryRule_AsATable()
    {
        var run = CliRunner.Run(RepositoryPaths.Root, "rules");

        var descriptors = new AnalysisDriver(RulePack.CreateAnalyzers()).Descriptors;
        var lines = run.Stdout.Split('\n');
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(run.Stderr, Is.Empty);
        Assert.That(lines[0], Is.EqualTo("ID      severity  category             title"));
        Assert.That(lines[1..^1], Is.EqualTo(descriptors.Select(d =>
            $"{d.Id}  {(d.DefaultSeverity.ToString().ToLowerInvariant()),-8}  {d.Category,-19}  {d.Title}")));
        Assert.That(lines[^1], Is.Empty, "ends with a line break");
        Assert.That(lines, Does.Contain("PL1001  error     ExclusionTags        Exclusion tag has no ledger entry"));
    }

    private static string Page(string id) => File.ReadAllText(RepositoryPaths.Get($"rules/docs/{id}.md")).ReplaceLineEndings("\n");

    [TestCase("PL1001")]
    [TestCase("pl1001")]
    [TestCase("Pl1001")]
    public void Rules_WithAnId_InAnyCase_PrintsItsCanonicalPage(string id)
    {
        var run = CliRunner.Run(RepositoryPaths.Root, "rules", id);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(run.Stderr, Is.Empty);
        Assert.That(run.Stdout, Is.EqualTo(Page("PL1001")));
        Assert.That(run.Stdout, Does.StartWith("# PL1001: Exclusion tag has no ledger entry\n"));
    }

    [Test]
    public void Rules_WithSeveralIds_PrintsEachPageOnce_InTheOrderGiven_SeparatedByAThematicBreak()
    {
        var run = CliRunner.Run(RepositoryPaths.Root, "rules", "PL3001", "pl1001", "PL3001");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
        Assert.That(run.Stderr, Is.Empty);
        Assert.That(run.Stdout, Is.EqualTo(Page("PL3001") + "\n---\n\n" + Page("PL1001")));
    }

    [TestCase("PL9999")]
    [TestCase("PL100")]
    [TestCase("README")]
    public void Rules_WithAnUnknownId_IsAUsageError(string id)
    {
        var run = CliRunner.Run(RepositoryPaths.Root, "rules", id);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Is.EqualTo($"policylint: error: unknown rule '{id}'; 'policylint rules' lists every rule\n"));
    }

    [Test]
    public void Rules_WithUnknownIdsAmongKnownOnes_PrintsNoPage_AndNamesEachUnknownOne()
    {
        var run = CliRunner.Run(RepositoryPaths.Root, "rules", "PL1001", "PL9999", "nope");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Is.EqualTo(
            "policylint: error: unknown rule 'PL9999'; 'policylint rules' lists every rule\n" +
            "policylint: error: unknown rule 'nope'; 'policylint rules' lists every rule\n"));
    }

    /// <summary>The root's PATH arguments and options before a subcommand would be ignored silently (System.CommandLine
    /// accepts them there): a usage error that names the first one and the top-level command.</summary>
    [TestCase(new[] { "samples", "rules" }, "samples", "rules")]
    [TestCase(new[] { "samples", "rules", "PL1001" }, "samples", "rules")]
    [TestCase(new[] { "--root", "samples/inspector-problems", "ledger", "status" }, "--root", "ledger")]
    [TestCase(new[] { "--today", "2026-11-29", "ledger", "status" }, "--today", "ledger")]
    [TestCase(new[] { "--format", "json", "rules" }, "--format", "rules")]
    public void RootArgumentOrOption_BeforeASubcommand_IsAUsageError(string[] args, string stray, string command)
    {
        var run = CliRunner.Run(RepositoryPaths.Root, args);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(run.Stderr, Is.EqualTo(
            $"policylint: error: '{stray}' stands before the '{command}' command, which does not read it; give the command's own options after '{command}' (to lint a folder named {command}, write ./{command})\n" +
            "Run 'policylint --help' for usage.\n"));
    }

    [Test]
    public void SubcommandOptions_AfterTheSubcommand_AreRead()
    {
        var run = CliRunner.Run(RepositoryPaths.Root, "ledger", "status", "--root", "samples/inspector-problems", "--today", CliRunner.Today);

        Assert.That(run.Stdout, Does.Contain(
            "\nLedger security/inspector-exclusions.yaml on 2026-11-29: 1 expired, 1 invalid, 1 expiring within 14 days, 1 overdue review, 6 ok\n"));
    }

    [TestCase("rules")]
    [TestCase("ledger")]
    public void SubcommandName_WinsOverAFolderOfThatName_AndDotSlashLintsTheFolder(string name)
    {
        using var repository = new TemporaryRepository();
        repository.Write($"{name}/template.yaml", """
            Resources:
              Worker:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: worker
                  Tags:
                    InspectorExclusion: LambdaStandardScanning
            """);

        var command = CliRunner.Run(repository.Root, name);
        var lint = CliRunner.Run(repository.Root, "--today", CliRunner.Today, $"./{name}");

        if (name == "rules")
        {
            Assert.That(command.ExitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(command.Stdout, Does.StartWith("ID      severity"));
        }
        else
        {
            Assert.That(command.ExitCode, Is.EqualTo(ExitCodes.UsageError), "'ledger' needs 'status' or 'add'");
            Assert.That(command.Stdout, Is.Empty);
        }

        Assert.That(lint.Stdout, Does.Contain("\ntemplate.yaml(7,9): error PL1001: "), "the folder is the root (docs/conventions.md#c3)");
        Assert.That(lint.ExitCode, Is.EqualTo(ExitCodes.Failure));
    }
}
