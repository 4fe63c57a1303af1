using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;
using PolicyLint.Core.Reporting;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Integration;

/// <summary>
/// The reusable GitHub Action (<c>action.yml</c>, a composite action). GitHub Actions does not run here, so a small
/// runner plays the composite the way the Actions runner does: each step in order, its <c>if:</c> and the
/// <c>${{ }}</c> expressions of its <c>env:</c> evaluated (inputs with their defaults, earlier steps' outputs, the
/// <c>github</c> and <c>runner</c> contexts), each <c>run:</c> script under <c>bash --noprofile --norc -eo pipefail</c>
/// with a simulated <c>GITHUB_*</c> environment (<c>GITHUB_OUTPUT</c>, <c>GITHUB_STEP_SUMMARY</c>,
/// <c>GITHUB_ACTION_PATH</c>, …: https://docs.github.com/en/actions/reference/variables-reference). Steps that use
/// other actions (setup-dotnet, cache, upload-sarif) are not run; the runner records whether they would have run and
/// with what. The install step builds this working tree once, as the action does from its own ref. The action and the
/// sample workflows are also checked by npm's <c>@action-validator/cli</c> (<c>.ci/run</c> installs it).
/// </summary>
[NonParallelizable]
public sealed partial class ActionTests
{
    private const string Repository = "acme/app";
    private TemporaryRepository? _actionPath;
    private string _actionSha = string.Empty;
    private TemporaryRepository? _runnerTemp;
    private string _toolPath = string.Empty;
    private string _installLog = string.Empty;

    private static MappingNode Action()
    {
        var tree = YamlSyntaxParser.Parse(SourceText.From("action.yml", File.ReadAllText(RepositoryPaths.Get("action.yml"))));
        Assert.That(tree.Problems, Is.Empty);
        return (MappingNode)tree.Documents.Single()!;
    }

    /// <summary>Installs PolicyLint with the action's own steps (key, install) from a committed copy of this working
    /// tree, the action's ref being that commit, as a workflow that pins the action's commit SHA gets it.</summary>
    [OneTimeSetUp]
    public void InstallFromTheActionsOwnRef()
    {
        _actionPath = ExternalTool.CommittedCopy(RepositoryPaths.Root, ExternalTool.WorkingTreeFiles(RepositoryPaths.Root));
        _actionSha = ExternalTool.Git(_actionPath.Root, "rev-parse", "HEAD").Trim();
        _runnerTemp = new TemporaryRepository();
        using var workspace = new TemporaryRepository();
        var run = new CompositeRun(this, workspace.Root, new Dictionary<string, string>(), cacheHit: false);
        run.RunUntil("PolicyLint");
        _installLog = run.Log.ToString();
        _toolPath = run.Outputs["key"]["tool-path"];
    }

    [OneTimeTearDown]
    public void Delete()
    {
        _actionPath?.Dispose();
        _runnerTemp?.Dispose();
    }

    [Test]
    public void OwnRef_InstallsThePrecompiledTool_ThatNamesItsCommit()
    {
        var (exitCode, output) = ExternalTool.Run(Path.Combine(_toolPath, "policylint"), _runnerTemp!.Root, null, "--version");

        Assert.That(exitCode, Is.Zero, _installLog + output);
        Assert.That(output, Is.EqualTo($"{ToolInfo.Current.Version}+{_actionSha}\n"), "an action downloaded by the runner has no .git: the commit comes from github.action_ref");
        // One package, precompiled (ReadyToRun) for this machine's runtime identifier: every assembly of the tool.
        var installed = Directory.EnumerateFiles(_toolPath, "policylint.dll", SearchOption.AllDirectories).Single();
        Assert.That(Path.GetFileName(Path.GetDirectoryName(installed)), Is.EqualTo(System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier));
        foreach (var assembly in Directory.EnumerateFiles(Path.GetDirectoryName(installed)!, "*.dll"))
            Assert.That(IsReadyToRun(assembly), Is.True, assembly);
    }

    [Test]
    public void ProblemSample_OneRun_AnnotationsSarifSummaryCounts_AndTheStepFails()
    {
        using var workspace = Sample("inspector-problems");
        var run = new CompositeRun(this, workspace.Root, new Dictionary<string, string> { ["upload-sarif"] = "true", ["category"] = "policylint-infra" }, cacheHit: true);

        var failed = run.RunAll();

        var lint = CliRunner.Run(workspace.Root, "--format", "json");
        var summary = Regex.Match(lint.Stdout, "\"summary\": \\{\\s*\"errors\": (\\d+),\\s*\"warnings\": (\\d+),\\s*\"notes\": (\\d+)");
        Assert.That(summary.Success, Is.True, lint.Stdout);
        var outputs = run.Outputs["lint"];
        Assert.That(outputs["exit-code"], Is.EqualTo("1"), run.Log.ToString());
        Assert.That(outputs["errors"], Is.EqualTo(summary.Groups[1].Value));
        Assert.That(outputs["warnings"], Is.EqualTo(summary.Groups[2].Value));
        Assert.That(outputs["notes"], Is.EqualTo(summary.Groups[3].Value));
        Assert.That(int.Parse(outputs["errors"], CultureInfo.InvariantCulture), Is.GreaterThan(0));
        Assert.That(failed, Is.EqualTo("Result"), "the action's last step fails with PolicyLint's exit code, after the summary and the upload");

        // One lint run: annotations on standard output, the SARIF file and the job summary, linked to this commit.
        var stepOutput = run.StepOutput["PolicyLint"];
        Assert.That(Regex.Matches(stepOutput, "^::error file=", RegexOptions.Multiline), Has.Count.EqualTo(int.Parse(outputs["errors"], CultureInfo.InvariantCulture)));
        Assert.That(outputs["sarif-file"], Is.EqualTo("policylint.sarif"));
        Assert.That(File.ReadAllText(Path.Combine(workspace.Root, "policylint.sarif")), Does.Contain("\"version\": \"2.1.0\""));
        var jobSummary = File.ReadAllText(run.StepSummary);
        Assert.That(jobSummary, Does.StartWith("## PolicyLint\n"));
        Assert.That(jobSummary, Does.Contain($"](https://github.com/{Repository}/blob/{run.Sha}/services/orders/template.yaml#L"));
        Assert.That(jobSummary, Does.Not.Contain("](services/"));

        Assert.That(run.Used["Upload to code scanning"], Is.EqualTo(new Dictionary<string, string>
        {
            ["sarif_file"] = "policylint.sarif", ["category"] = "policylint-infra", ["token"] = "simulated-token",
        }));
        Assert.That(run.Skipped, Does.Contain("Install PolicyLint"), "a cache hit installs nothing");
        Assert.That(run.Used["Set up .NET"], Is.EqualTo(new Dictionary<string, string> { ["dotnet-version"] = "10.0.x" }));
    }

    /// <summary>With a root that is a folder of the repository (<c>root: app</c>), the annotations, the SARIF URIs and
    /// the job summary's locations and links all name the repository's file, <c>app/…</c>: GitHub resolves
    /// <c>file=</c> and SARIF URIs against the repository root (new-user trial: they said <c>security/…</c> while the
    /// summary linked <c>app/security/…</c>).</summary>
    [Test]
    public void SubfolderRoot_AnnotationsSarifAndSummary_NameTheRepositorysFiles()
    {
        using var workspace = Sample("inspector-problems", under: "app/");
        var run = new CompositeRun(this, workspace.Root, new Dictionary<string, string> { ["root"] = "app", ["upload-sarif"] = "true" }, cacheHit: true);

        Assert.That(run.RunAll(), Is.EqualTo("Result"), run.Log.ToString());

        Assert.That(run.Outputs["lint"]["exit-code"], Is.EqualTo("1"), run.Log.ToString());
        var annotated = Regex.Matches(run.StepOutput["PolicyLint"], "^::(?:error|warning|notice) file=([^,]+),", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.That(annotated, Is.Not.Empty);
        Assert.That(annotated, Has.All.StartWith("app/"));
        Assert.That(annotated.Where(f => !File.Exists(Path.Combine(workspace.Root, f))), Is.Empty, "every annotation names a file of the repository");

        var sarifText = File.ReadAllText(Path.Combine(workspace.Root, "policylint.sarif"));
        SarifSchema.AssertValid(sarifText);
        var uris = Regex.Matches(sarifText, "\"uri\": \"([^\"]*)\"").Select(m => Uri.UnescapeDataString(m.Groups[1].Value)).ToList();
        Assert.That(uris, Is.Not.Empty);
        Assert.That(uris.Where(u => !File.Exists(Path.Combine(workspace.Root, u))), Is.Empty, "every SARIF URI is relative to the repository root");
        Assert.That(sarifText, Does.Contain("The repository root, whose folder app/ PolicyLint analyzed; every artifact URI is relative to the repository root."));
        Assert.That(run.Used["Upload to code scanning"]["sarif_file"], Is.EqualTo("policylint.sarif"));

        var jobSummary = File.ReadAllText(run.StepSummary);
        Assert.That(jobSummary, Does.Contain($"| [app/services/orders/template.yaml(").And.Contain($"](https://github.com/{Repository}/blob/{run.Sha}/app/services/orders/template.yaml#L"));
        Assert.That(jobSummary, Does.Not.Contain("/app/app/").And.Not.Contain("| [services/"));
    }

    [Test]
    public void CleanSample_Passes_WithZeroCounts_AndNoUploadUnlessAsked()
    {
        using var workspace = Sample("inspector-basic");
        var run = new CompositeRun(this, workspace.Root, new Dictionary<string, string>(), cacheHit: true);

        Assert.That(run.RunAll(), Is.Null, run.Log.ToString());

        Assert.That(run.Outputs["lint"], Is.EqualTo(new Dictionary<string, string>
        {
            ["exit-code"] = "0", ["errors"] = "0", ["warnings"] = "0", ["notes"] = "0", ["sarif-file"] = "policylint.sarif",
        }));
        Assert.That(run.Used.Keys, Does.Not.Contain("Upload to code scanning"));
        Assert.That(run.Skipped, Does.Contain("Can the token upload?"));
        Assert.That(File.ReadAllText(run.StepSummary), Does.Contain("No results."));
    }

    [Test]
    public void PullRequestFromAFork_SkipsTheUploadWithANotice_AndStillFailsOnTheLint()
    {
        using var workspace = Sample("inspector-problems");
        var run = new CompositeRun(this, workspace.Root, new Dictionary<string, string> { ["upload-sarif"] = "true" }, cacheHit: true,
            headRepository: "someone/app");

        Assert.That(run.RunAll(), Is.EqualTo("Result"));

        Assert.That(run.StepOutput["Can the token upload?"], Does.Contain("::notice title=PolicyLint::SARIF upload skipped: a pull request from someone/app (a fork)"));
        Assert.That(run.Used.Keys, Does.Not.Contain("Upload to code scanning"));
        Assert.That(run.Outputs["lint"]["exit-code"], Is.EqualTo("1"));
    }

    [Test]
    public void ConfigEnvAndArgs_ReachTheLint_AndTodayIsNeverPassed()
    {
        using var workspace = Sample("inspector-basic");
        var run = new CompositeRun(this, workspace.Root, new Dictionary<string, string> { ["config-env"] = "prod", ["args"] = "--parameter Stage=prod --no-such-option" }, cacheHit: true);

        run.RunAll();

        Assert.That(run.Outputs["lint"]["exit-code"], Is.EqualTo("2"));
        Assert.That(run.StepOutput["PolicyLint"], Does.Contain("policylint: error: unknown option '--no-such-option'"));
        var scripts = Action().GetValue("runs")!.AsMapping()!.GetValue("steps")!.AsSequence()!.Items
            .Select(step => step.AsMapping()!.GetValue("run")?.AsScalar()?.Value).OfType<string>().ToList();
        Assert.That(scripts, Has.Count.GreaterThan(3).And.None.Match(@"--today[ =:][""'$\d]"), "a workflow runs on the real date");
    }

    /// <summary>A <c>--today</c> in <c>args</c> is refused before the lint runs (second new-user trial of 2026-12-07: it
    /// was accepted though the input's description forbids it).</summary>
    [TestCase("--today 2020-01-01")]
    [TestCase("--fail-level warning --today=2020-01-01")]
    [TestCase("--today:2020-01-01")] // third trial: System.CommandLine reads the colon form too
    public void ArgsThatSetToday_AreRefused_AndNothingRuns(string args)
    {
        using var workspace = Sample("inspector-basic");
        var run = new CompositeRun(this, workspace.Root, new Dictionary<string, string> { ["args"] = args }, cacheHit: true);

        Assert.That(run.RunAll(), Is.EqualTo("Result"));

        Assert.That(run.Outputs["lint"], Is.EqualTo(new Dictionary<string, string> { ["exit-code"] = "2" }));
        Assert.That(run.StepOutput["PolicyLint"], Does.Contain("::error title=PolicyLint::args must not set --today: CI compares the ledger's dates with the real date"));
    }

    /// <summary>A root outside the workspace is the action's own error, not a complaint about an option the user never
    /// set (second new-user trial of 2026-12-07: root '..' gave "--path-prefix '../' is not a relative folder path").</summary>
    [Test]
    public void RootOutsideTheWorkspace_IsRefused_InTheActionsWords()
    {
        using var workspace = Sample("inspector-basic");
        var run = new CompositeRun(this, workspace.Root, new Dictionary<string, string> { ["root"] = ".." }, cacheHit: true);

        Assert.That(run.RunAll(), Is.EqualTo("Result"));

        Assert.That(run.Outputs["lint"], Is.EqualTo(new Dictionary<string, string> { ["exit-code"] = "2" }));
        Assert.That(run.StepOutput["PolicyLint"], Does.Contain("::error title=PolicyLint::root '..' is outside the workspace "));
    }

    /// <summary>Only a SARIF log the run wrote is an output: a <c>sarif-file</c> naming the ledger (refused, exit 2) or
    /// a stale log left by an earlier run is never uploaded (second new-user trial of 2026-12-07: the upload step
    /// would have sent the ledger).</summary>
    [Test]
    public void SarifFileTheRunDidNotWrite_IsNoOutput_AndNotUploaded()
    {
        using var workspace = Sample("inspector-basic");
        var run = new CompositeRun(this, workspace.Root, new Dictionary<string, string> { ["sarif-file"] = "security/inspector-exclusions.yaml", ["upload-sarif"] = "true" }, cacheHit: true);

        Assert.That(run.RunAll(), Is.EqualTo("Result"));

        Assert.That(run.Outputs["lint"]["exit-code"], Is.EqualTo("2"));
        Assert.That(run.Outputs["lint"], Does.Not.ContainKey("sarif-file"));
        Assert.That(run.Used.Keys, Does.Not.Contain("Upload to code scanning"));
        Assert.That(run.Skipped, Does.Contain("Can the token upload?"));
    }

    /// <summary>An exact version from one explicit source: a higher version of the same package id on another feed
    /// (here a folder feed in the workspace's own <c>nuget.config</c>, standing in for a public feed) is never taken.</summary>
    [Test]
    public void ExplicitSource_InstallsThatExactVersion_NotAHigherOneOnAnotherFeed()
    {
        using var feeds = new TemporaryRepository();
        var store = Directory.EnumerateFiles(_toolPath, "policylint.*.nupkg", SearchOption.AllDirectories).Single();
        var feed = Path.Combine(feeds.Root, "feed");
        Directory.CreateDirectory(feed);
        File.Copy(store, Path.Combine(feed, Path.GetFileName(store)));
        var decoys = Path.Combine(feeds.Root, "decoys");
        Directory.CreateDirectory(decoys);
        WriteDecoyPackage(Path.Combine(decoys, "PolicyLint.9.9.9.nupkg"));

        using var workspace = Sample("inspector-basic");
        File.WriteAllText(Path.Combine(workspace.Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><add key="decoys" value="{decoys}" /></packageSources></configuration>
            """);
        var run = new CompositeRun(this, workspace.Root, new Dictionary<string, string> { ["version"] = ToolInfo.Current.Version, ["source"] = feed }, cacheHit: false);

        Assert.That(run.RunAll(), Is.Null, run.Log.ToString());

        var tool = Path.Combine(run.Outputs["key"]["tool-path"], "policylint");
        Assert.That(ExternalTool.Run(tool, workspace.Root, null, "--version").Output, Is.EqualTo($"{ToolInfo.Current.Version}+{_actionSha}\n"));
        Assert.That(run.Outputs["key"]["key"], Does.StartWith("policylint-Linux-X64-"));

        var noSource = new CompositeRun(this, workspace.Root, new Dictionary<string, string> { ["version"] = ToolInfo.Current.Version }, cacheHit: false);
        Assert.That(noSource.RunAll(), Is.EqualTo("PolicyLint install key"));
        Assert.That(noSource.StepOutput["PolicyLint install key"], Does.Contain("::error title=PolicyLint::input 'version' needs 'source'"));
    }

    [Test]
    public void ActionAndSampleWorkflows_PassTheActionValidator_WhichRejectsABrokenAction()
    {
        var validator = Environment.GetEnvironmentVariable("POLICYLINT_ACTION_VALIDATOR") is { Length: > 0 } path && File.Exists(path)
            ? path
            : ExternalTool.OnPath("action-validator");
        if (validator is null)
            ExternalTool.Missing("npm's @action-validator/cli is not installed (npm install @action-validator/cli@0.6.0; POLICYLINT_ACTION_VALIDATOR names its executable)");

        string[] files = ["action.yml", .. Directory.EnumerateFiles(RepositoryPaths.Get("samples/github"), "*.yml").Select(f => Path.GetRelativePath(RepositoryPaths.Root, f))];
        Assert.That(files, Has.Length.GreaterThan(1));
        foreach (var file in files)
        {
            var (exitCode, output) = ExternalTool.Run(validator!, RepositoryPaths.Root, null, file);
            Assert.That(exitCode, Is.Zero, $"{file}:\n{output}");
        }

        using var broken = new TemporaryRepository();
        broken.Write("action.yml", File.ReadAllText(RepositoryPaths.Get("action.yml")).Replace("  using: composite\n  steps:", "  using: composite\n  stepz:", StringComparison.Ordinal));
        var rejected = ExternalTool.Run(validator!, broken.Root, null, "action.yml");
        Assert.That(rejected.ExitCode, Is.EqualTo(1), rejected.Output);
    }

    /// <summary>Whether an assembly carries precompiled code: a ReadyToRun image has a managed native header in its
    /// CLI header (ECMA-335 II.25.3.3; https://github.com/dotnet/runtime/blob/main/docs/design/coreclr/botr/readytorun-format.md).</summary>
    private static bool IsReadyToRun(string assembly)
    {
        using var reader = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly));
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    /// <summary>A committed copy of a sample, its dates moved to today (the action runs on the real date), at the
    /// repository root or in the folder <paramref name="under"/> (<c>app/</c>).</summary>
    private static TemporaryRepository Sample(string name, string under = "")
    {
        var root = CliRunner.Samples(name);
        var shift = DateOnly.FromDateTime(DateTime.UtcNow).DayNumber - DateOnly.ParseExact(CliRunner.Today, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber;
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'));
        byte[] Shifted(string file, byte[] bytes) =>
            shift == 0 || !file.EndsWith(".yaml", StringComparison.Ordinal) ? bytes : Encoding.UTF8.GetBytes(PreCommitTests.ShiftDates(Encoding.UTF8.GetString(bytes), shift));
        if (under.Length == 0)
            return ExternalTool.CommittedCopy(root, files, Shifted);

        var repository = new TemporaryRepository();
        foreach (var file in files)
            repository.WriteBytes(under + file, Shifted(file, File.ReadAllBytes(Path.Combine(root, file))));
        ExternalTool.Git(repository.Root, "init", "-q");
        ExternalTool.Git(repository.Root, "add", "-A");
        ExternalTool.Git(repository.Root, "commit", "-q", "-m", "snapshot");
        return repository;
    }

    /// <summary>A package of the same id and a higher version that is no working tool.</summary>
    private static void WriteDecoyPackage(string path)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Add(string name, string text)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(text);
        }

        Add("PolicyLint.nuspec", """
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata><id>PolicyLint</id><version>9.9.9</version><authors>someone else</authors><description>decoy</description>
                <packageTypes><packageType name="DotnetTool" /></packageTypes></metadata>
            </package>
            """);
        Add("tools/net10.0/any/DotnetToolSettings.xml", """
            <?xml version="1.0" encoding="utf-8"?>
            <DotNetCliTool Version="1"><Commands><Command Name="policylint" EntryPoint="policylint.dll" Runner="dotnet" /></Commands></DotNetCliTool>
            """);
        Add("tools/net10.0/any/policylint.dll", "not an assembly");
    }

    /// <summary>One simulated run of the composite action in a workspace.</summary>
    private sealed partial class CompositeRun
    {
        private readonly ActionTests _fixture;
        private readonly string _workspace;
        private readonly Dictionary<string, string> _inputs;
        private readonly bool _cacheHit;
        private readonly string _headRepository;

        public CompositeRun(ActionTests fixture, string workspace, Dictionary<string, string> inputs, bool cacheHit, string headRepository = "")
        {
            _fixture = fixture;
            _workspace = workspace;
            _inputs = inputs;
            _cacheHit = cacheHit;
            _headRepository = headRepository;
            Sha = Directory.Exists(Path.Combine(workspace, ".git")) ? ExternalTool.Git(workspace, "rev-parse", "HEAD").Trim() : new string('0', 40);
            StepSummary = Path.Combine(fixture._runnerTemp!.Root, $"summary-{Guid.NewGuid():N}.md");
            File.WriteAllText(StepSummary, string.Empty);
        }

        public string Sha { get; }
        public string StepSummary { get; }
        public Dictionary<string, Dictionary<string, string>> Outputs { get; } = [];
        public Dictionary<string, string> StepOutput { get; } = [];
        public Dictionary<string, Dictionary<string, string>> Used { get; } = [];
        public List<string> Skipped { get; } = [];
        public StringBuilder Log { get; } = new();

        /// <summary>Runs every step; returns the name of the first step that failed (later steps still run when their
        /// <c>if:</c> says <c>always()</c>), or null.</summary>
        public string? RunAll() => Run(null);

        /// <summary>Runs the steps before <paramref name="name"/>; fails the test when one fails.</summary>
        public void RunUntil(string name) => Assert.That(Run(name), Is.Null, Log.ToString());

        private string? Run(string? until)
        {
            string? failed = null;
            foreach (var step in Action().GetValue("runs")!.AsMapping()!.GetValue("steps")!.AsSequence()!.Items.Select(i => i.AsMapping()!))
            {
                var name = Text(step.GetValue("name"))!;
                if (name == until)
                    break;
                var condition = Text(step.GetValue("if"));
                if (condition is null ? failed is not null : !Condition(condition, failed is not null))
                {
                    Skipped.Add(name);
                    continue;
                }

                var id = Text(step.GetValue("id"));
                if (Text(step.GetValue("uses")) is { } uses)
                {
                    Used[name] = step.GetValue("with")?.AsMapping()?.Entries.ToDictionary(e => e.KeyText!, e => Expand(Text(e.Value)!)) ?? [];
                    if (uses.StartsWith("actions/cache@", StringComparison.Ordinal) && id is not null)
                        Outputs[id] = new() { ["cache-hit"] = _cacheHit ? "true" : "false" };
                    continue;
                }

                var outputFile = Path.Combine(_fixture._runnerTemp!.Root, $"output-{Guid.NewGuid():N}");
                File.WriteAllText(outputFile, string.Empty);
                var script = Path.Combine(_fixture._runnerTemp.Root, $"step-{Guid.NewGuid():N}.sh");
                File.WriteAllText(script, Text(step.GetValue("run")));
                var environment = new Dictionary<string, string>
                {
                    ["GITHUB_ACTIONS"] = "true", ["CI"] = "true", ["GITHUB_WORKSPACE"] = _workspace, ["GITHUB_ACTION_PATH"] = _fixture._actionPath!.Root,
                    ["GITHUB_SERVER_URL"] = "https://github.com", ["GITHUB_REPOSITORY"] = Repository, ["GITHUB_SHA"] = Sha, ["GITHUB_ACTOR"] = "octocat",
                    ["GITHUB_OUTPUT"] = outputFile, ["GITHUB_STEP_SUMMARY"] = StepSummary, ["RUNNER_TEMP"] = _fixture._runnerTemp.Root, ["RUNNER_OS"] = "Linux",
                };
                foreach (var entry in step.GetValue("env")?.AsMapping()?.Entries ?? [])
                    environment[entry.KeyText!] = Expand(Text(entry.Value)!);
                var (exitCode, output) = ExternalTool.Run("bash", _workspace, environment, "--noprofile", "--norc", "-eo", "pipefail", script);
                Log.Append(CultureInfo.InvariantCulture, $"== {name} (exit {exitCode})\n{output}");
                StepOutput[name] = output;
                if (id is not null)
                {
                    Outputs[id] = File.ReadAllLines(outputFile).Where(l => l.Contains('=', StringComparison.Ordinal))
                        .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                }

                if (exitCode != 0)
                    failed ??= name;
            }

            return failed;
        }

        /// <summary>The <c>if:</c> forms the action uses: terms joined by <c>&amp;&amp;</c>, each <c>always()</c> or
        /// <c>CONTEXT == 'text'</c> / <c>CONTEXT != 'text'</c>. Without <c>always()</c> a step is skipped once a step
        /// has failed (GitHub's implicit <c>success()</c>).</summary>
        private bool Condition(string condition, bool failedBefore)
        {
            var always = false;
            foreach (var term in condition.Split("&&", StringSplitOptions.TrimEntries))
            {
                if (term == "always()")
                {
                    always = true;
                    continue;
                }

                var match = Comparison().Match(term);
                Assert.That(match.Success, Is.True, $"the simulated runner does not know the condition '{term}'");
                var value = Context(match.Groups[1].Value);
                if ((value == match.Groups[3].Value) != (match.Groups[2].Value == "=="))
                    return false;
            }

            return always || !failedBefore;
        }

        private string Expand(string text) => Expression().Replace(text, m => Context(m.Groups[1].Value));

        private string Context(string name)
        {
            var parts = name.Split('.');
            switch (parts[0])
            {
                case "inputs":
                    var input = Action().GetValue("inputs")!.AsMapping()!.GetValue(parts[1])?.AsMapping();
                    Assert.That(input, Is.Not.Null, $"no input '{parts[1]}'");
                    return _inputs.TryGetValue(parts[1], out var given) ? given : Text(input!.GetValue("default")) is { } d && d.StartsWith("${{", StringComparison.Ordinal) ? "simulated-token" : Text(input!.GetValue("default")) ?? string.Empty;
                case "steps" when parts.Length == 4 && parts[2] == "outputs":
                    return Outputs.TryGetValue(parts[1], out var outputs) && outputs.TryGetValue(parts[3], out var value) ? value : string.Empty;
                case "runner":
                    return parts[1] switch { "os" => "Linux", "arch" => "X64", _ => throw new AssertionException($"unknown context {name}") };
                case "github":
                    return string.Join('.', parts.Skip(1)) switch
                    {
                        "action_ref" => _fixture._actionSha,
                        "token" => "simulated-token",
                        "event.pull_request.head.repo.full_name" => _headRepository,
                        _ => throw new AssertionException($"the simulated runner does not know {name}"),
                    };
                default:
                    throw new AssertionException($"the simulated runner does not know {name}");
            }
        }

        private static string? Text(SyntaxNode? node) => node?.AsScalar()?.Value;

        [GeneratedRegex(@"\$\{\{\s*([\w.-]+)\s*\}\}")]
        private static partial Regex Expression();

        [GeneratedRegex(@"^([\w.-]+)\s*(==|!=)\s*'([^']*)'$")]
        private static partial Regex Comparison();
    }
}
