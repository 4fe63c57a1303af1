using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Reporting;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Core.Workspace;
using PolicyLint.Rules;

namespace PolicyLint.Benchmarks;

/// <summary>A repository read into memory once, so that each stage can be run on its own.</summary>
public sealed class BenchmarkRepository
{
    private BenchmarkRepository(string root, IReadOnlyList<(string Path, byte[] Bytes)> files, byte[]? ledger)
    {
        Root = root;
        Files = files;
        LedgerBytes = ledger;
    }

    /// <summary>Names <see cref="Open"/> accepts besides a folder path.</summary>
    public static readonly string[] Names = ["corpus", "generated-1000", "generated-5000-functions"];

    public string Root { get; }

    public IReadOnlyList<(string Path, byte[] Bytes)> Files { get; }

    public byte[]? LedgerBytes { get; }

    public static LoadRequest Request(string root) => new() { Root = root };

    public static AnalysisOptions Options { get; } = new() { Today = new DateOnly(2026, 11, 29) };

    /// <summary>Opens <c>corpus</c> (tests/corpus), a generated repository (made once under the temporary folder) or a
    /// folder.</summary>
    public static BenchmarkRepository Open(string name)
    {
        var root = name switch
        {
            "corpus" => Path.Combine(FindRepositoryRoot(), "tests", "corpus"),
            "generated-1000" => Generated(name, r => RepoGenerator.WriteRepository(r, 1000)),
            "generated-5000-functions" => Generated(name, r => RepoGenerator.WriteLargeTemplate(r, 5000)),
            _ => Path.GetFullPath(name),
        };
        var notifications = new List<ToolNotification>();
        var paths = FileDiscovery.Discover(root, null, notifications);
        var files = paths.Where(p => p != LoadRequest.DefaultLedgerPath).Select(p => (p, File.ReadAllBytes(Path.Combine(root, p)))).ToList();
        var ledgerPath = Path.Combine(root, LoadRequest.DefaultLedgerPath);
        return new BenchmarkRepository(root, files, File.Exists(ledgerPath) ? File.ReadAllBytes(ledgerPath) : null);
    }

    /// <summary>Stage 1: decode and parse every file.</summary>
    public List<SyntaxTree> Parse()
    {
        var trees = new List<SyntaxTree>(Files.Count);
        foreach (var (path, bytes) in Files)
        {
            var source = SourceText.Decode(path, bytes, out var invalid);
            if (invalid < 0)
                trees.Add(ProjectLoader.Parse(source, ParseLimits.Default));
        }

        return trees;
    }

    /// <summary>Stage 1 and 2 as the loader does them (parse, bind, PL0001), plus the ledger: the project model.</summary>
    public (ProjectModel Project, List<Diagnostic> Diagnostics) Load()
    {
        var request = Request(Root);
        var templates = new List<Core.Semantics.TemplateModel>();
        var diagnostics = new List<Diagnostic>();
        var broken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, bytes) in Files)
        {
            var file = ProjectLoader.LoadBytes(request, path, bytes);
            templates.AddRange(file.Templates);
            diagnostics.AddRange(file.Diagnostics);
            if (file.Diagnostics.Count > 0)
                broken.Add(path);
        }

        var ledger = LedgerBytes is null
            ? ExclusionLedger.Missing(LoadRequest.DefaultLedgerPath)
            : ExclusionLedger.Parse(SourceText.Decode(LoadRequest.DefaultLedgerPath, LedgerBytes, out _));
        return (new ProjectModel(Root, templates, ledger, broken), diagnostics);
    }

    /// <summary>Stage 3: every rule over a loaded project.</summary>
    public static RunResult Analyze(ProjectModel project, IEnumerable<Diagnostic> loadDiagnostics)
    {
        var driver = new AnalysisDriver(RulePack.CreateAnalyzers());
        var outcome = driver.Run(project, Options, loadDiagnostics);
        return new RunResult
        {
            Root = project.Root,
            Diagnostics = outcome.Diagnostics,
            Notifications = outcome.Notifications,
            Descriptors = driver.Descriptors,
            Options = Options,
            FileCount = project.Templates.Count,
            Project = project,
        };
    }

    /// <summary>Stage 4: SARIF with the rule pages, as the CLI writes it.</summary>
    public static long WriteSarif(RunResult run)
    {
        using var stream = new MemoryStream();
        SarifReporter.Write(SarifReporter.Build(run, new SarifOptions { HelpMarkdown = RulePack.GetHelpMarkdown }), stream);
        return stream.Length;
    }

    private static string Generated(string name, Action<string> write)
    {
        var root = Path.Combine(Path.GetTempPath(), "policylint-bench", name);
        if (!File.Exists(Path.Combine(root, ".complete")))
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
            write(root);
            File.WriteAllText(Path.Combine(root, ".complete"), string.Empty);
        }

        return root;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PolicyLint.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("PolicyLint.sln not found above " + AppContext.BaseDirectory);
    }
}
