using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Robustness;

/// <summary>
/// A run does not set up what it does not use (issue 15): no regular expression for the default placeholder pattern
/// (neither a non-backtracking one nor the source-generated default: DefaultPlaceholder matches it as code), no TOML
/// parser without a samconfig file, no glob matcher without globs. The executable next to
/// the tests is the portable JIT build, so every method that runs is JIT-compiled first; the runtime's own list of
/// them (<c>DOTNET_JitDisasmSummary</c>, written to <c>DOTNET_JitStdOutFile</c>) shows which libraries ran, counted
/// here by namespace.
/// </summary>
public sealed class StartupWorkTests
{
    private const string NonBacktrackingRegex = "System.Text.RegularExpressions.Symbolic.";
    private const string Toml = "Tomlyn.";
    private const string Globbing = "Microsoft.Extensions.FileSystemGlobbing.";
    private const string SarifModel = "PolicyLint.Core.Reporting.Sarif.";
    private const string JsonSerializer = "System.Text.Json.Serialization.";
    private const string DeployedStateRules = "PolicyLint.Rules.DeployedState.";

    /// <summary>The source-generated regex of the default <c>PL3004.placeholder_pattern</c> (its class's name ends so).</summary>
    private const string GeneratedPlaceholderRegex = "__DefaultRegex_";

    private static int CountAnywhere(string[] compiled, string part) =>
        compiled.Count(l => l.Contains("JIT compiled ", StringComparison.Ordinal) && l.Contains(part, StringComparison.Ordinal));

    /// <summary>How many deployed-state analyzers were initialized (their <c>Initialize</c> compiled).</summary>
    private static int DeployedStateInitialized(string[] compiled) =>
        compiled.Count(l => l.Contains($"JIT compiled {DeployedStateRules}", StringComparison.Ordinal) && l.Contains(":Initialize(", StringComparison.Ordinal));

    /// <summary>The methods the runtime compiled for a lint of <paramref name="root"/> (with <paramref name="extra"/>
    /// arguments), one line each.</summary>
    private static string[] Compiled(string root, params string[] extra)
    {
        var list = Path.Combine(Path.GetTempPath(), $"policylint-jit-{Guid.NewGuid():N}.txt");
        try
        {
            var run = ChildProcess.Run(ChildProcess.PolicyLint, ["--today", CliRunner.Today, "--fail-level", "none", "--root", root, .. extra],
                new Dictionary<string, string> { ["DOTNET_JitStdOutFile"] = list, ["DOTNET_JitDisasmSummary"] = "1" });
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
            var lines = File.ReadAllLines(list);
            // The list is the runtime's: it must show our own code, or the counts below would pass for an empty list.
            Assert.That(lines.Count(l => l.Contains("PolicyLint.Cli.CliApp:Run(", StringComparison.Ordinal)), Is.GreaterThan(0));
            return lines;
        }
        finally
        {
            File.Delete(list);
        }
    }

    private static int Count(string[] compiled, string prefix) =>
        compiled.Count(l => l.Contains($"JIT compiled {prefix}", StringComparison.Ordinal));

    [Test]
    public void PreCommitSample_BuildsNoNonBacktrackingRegex()
    {
        var compiled = Compiled(CliRunner.Samples("inspector-basic"));

        Assert.Multiple(() =>
        {
            Assert.That(Count(compiled, NonBacktrackingRegex), Is.Zero, "the default PL3004.placeholder_pattern is not configured");
            Assert.That(CountAnywhere(compiled, GeneratedPlaceholderRegex), Is.Zero, "an unconfigured pattern is matched by DefaultPlaceholder, as code");
            Assert.That(CountAnywhere(compiled, "PolicyLint.Core.Text.DefaultPlaceholder:IsMatch("), Is.GreaterThan(0), "the sample's ledger has records to check");
            Assert.That(Count(compiled, Toml), Is.GreaterThan(0), "the sample has a samconfig.toml");
            Assert.That(Count(compiled, Globbing), Is.Zero, "no include/exclude globs are configured");
            Assert.That(Count(compiled, "PolicyLint.Rules.ScanCoverage.LambdaRuntimeTable:Create("), Is.GreaterThan(0), "PL2003 reads the runtime data");
            Assert.That(Count(compiled, "PolicyLint.Rules.ScanCoverage.LambdaRuntimes:Parse("), Is.Zero, "as code, not by reading JSON");
        });
    }

    [Test]
    public void NoSamconfig_RunsNoTomlParser()
    {
        using var repository = new TemporaryRepository();
        repository.CopyFrom(CliRunner.Samples("inspector-basic"));
        File.Delete(Path.Combine(repository.Root, "samconfig.toml"));

        var compiled = Compiled(repository.Root);

        Assert.Multiple(() =>
        {
            Assert.That(Count(compiled, Toml), Is.Zero);
            Assert.That(Count(compiled, Globbing), Is.Zero);
            Assert.That(Count(compiled, NonBacktrackingRegex), Is.Zero);
            Assert.That(CountAnywhere(compiled, GeneratedPlaceholderRegex), Is.Zero);
        });
    }

    [Test]
    public void ConfiguredPatternAndGlobs_AreBuilt()
    {
        using var repository = new TemporaryRepository();
        repository.CopyFrom(CliRunner.Samples("inspector-basic"));
        repository.Write(".policylint.yaml", "exclude:\n  - 'vendor/**'\nrules:\n  PL3004:\n    placeholder_pattern: '^(n/a|tbd)$'\n");

        var compiled = Compiled(repository.Root);

        Assert.Multiple(() =>
        {
            Assert.That(Count(compiled, NonBacktrackingRegex), Is.GreaterThan(0), "a configured pattern is matched in linear time");
            Assert.That(Count(compiled, Globbing), Is.GreaterThan(0));
        });
    }

    [Test]
    public void TextOutput_BuildsNoSarifAndInitializesNoDeployedStateAnalyzer()
    {
        var compiled = Compiled(CliRunner.Samples("inspector-basic"));

        Assert.Multiple(() =>
        {
            Assert.That(Count(compiled, SarifModel), Is.Zero, "no SARIF log is built for text output");
            Assert.That(Count(compiled, JsonSerializer), Is.Zero, "no JSON serializer is set up for text output");
            Assert.That(DeployedStateInitialized(compiled), Is.Zero, "no AWS CLI export is given");
        });
    }

    [Test]
    public void TextOutput_WritesTheReportWithoutAListOfChunks()
    {
        // ChunkedBuffer.WriteTo(TextWriter) walks its chunks by index: a List<ReadOnlyMemory<byte>> (LINQ's ToList over a
        // value type from another assembly) is JIT-compiled even in the ReadyToRun tool, and so was the chunks' iterator.
        var compiled = Compiled(CliRunner.Samples("inspector-basic"));

        Assert.Multiple(() =>
        {
            Assert.That(CountAnywhere(compiled, "PolicyLint.Core.Reporting.ChunkedBuffer:WriteTo(System.IO.TextWriter)"), Is.GreaterThan(0), "the report is written from the buffer");
            Assert.That(CountAnywhere(compiled, "System.Collections.Generic.List`1[System.ReadOnlyMemory`1[byte]]"), Is.Zero);
            Assert.That(CountAnywhere(compiled, "PolicyLint.Core.Reporting.ChunkedBuffer+<Chunks>"), Is.Zero);
        });
    }

    [Test]
    public void Lint_SetsUpNeitherHelpNorVersionNorSubcommands()
    {
        // Only a command line that may ask for them builds the root command's help and version options, its directives
        // and the subcommands (CliApp.MayAskForMoreThanALint); --help, on the same lint, does.
        var lint = Compiled(CliRunner.Samples("inspector-basic"));
        var help = Compiled(CliRunner.Samples("inspector-basic"), "--help");

        Assert.Multiple(() =>
        {
            foreach (var setUp in (string[])["System.CommandLine.Help.HelpOption:.ctor", "System.CommandLine.VersionOption:.ctor", "PolicyLint.Cli.RulesCommand:Create", "PolicyLint.Cli.LedgerCommand:Create"])
            {
                Assert.That(Count(lint, setUp), Is.Zero, setUp);
                Assert.That(Count(help, setUp), Is.GreaterThan(0), setUp);
            }
        });
    }

    [Test]
    public void SarifOutputAndExports_AreSetUp()
    {
        // The counts above are not zero for want of a working list: the same run with SARIF output and exports sets them up.
        var compiled = Compiled(CliRunner.Samples("deployed-state"), "--format", "sarif");

        Assert.Multiple(() =>
        {
            Assert.That(Count(compiled, SarifModel), Is.GreaterThan(0));
            Assert.That(DeployedStateInitialized(compiled), Is.EqualTo(6), "the six deployed-state analyzers");
        });
    }
}
