using BenchmarkDotNet.Attributes;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Rules;

namespace PolicyLint.Benchmarks;

/// <summary>The pipeline's stages, each on its own: parse, bind (semantic model), analyze, write SARIF; and the
/// whole run from disk. Files are read into memory once, outside the measurement.</summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private BenchmarkRepository _repository = null!;
    private List<SyntaxTree> _trees = null!;
    private ProjectModel _project = null!;
    private List<Diagnostic> _loadDiagnostics = null!;
    private RunResult _run = null!;

    /// <summary>tests/corpus (the public corpus copy) or a generated repository of 1,000 templates.</summary>
    [Params("corpus", "generated-1000")]
    public string Repository { get; set; } = "corpus";

    [GlobalSetup]
    public void Setup()
    {
        _repository = BenchmarkRepository.Open(Repository);
        _trees = _repository.Parse();
        (_project, _loadDiagnostics) = _repository.Load();
        _run = BenchmarkRepository.Analyze(_project, _loadDiagnostics);
    }

    // The semantic model caches what rules read (tags, resolved values, ledger indexes): analyze a fresh one each time.
    [IterationSetup(Target = nameof(Analyze))]
    public void FreshProject() => (_project, _loadDiagnostics) = _repository.Load();

    [Benchmark]
    public int Parse() => _repository.Parse().Count;

    [Benchmark]
    public int Bind()
    {
        var count = 0;
        foreach (var tree in _trees)
        {
            if (tree.FatalError is not null)
                continue;
            for (var i = 0; i < tree.Documents.Count; i++)
            {
                if (TemplateModel.Bind(tree, i, ResolutionSettings.Default) is { LimitExceeded: null })
                    count++;
            }
        }

        return count;
    }

    [Benchmark]
    public int Analyze() => BenchmarkRepository.Analyze(_project, _loadDiagnostics).Diagnostics.Count;

    [Benchmark]
    public long WriteSarif() => BenchmarkRepository.WriteSarif(_run);

    [Benchmark]
    public int WholeRunFromDisk() =>
        AnalysisRunner.Run(BenchmarkRepository.Request(_repository.Root), BenchmarkRepository.Options, RulePack.CreateAnalyzers()).Diagnostics.Count;
}
