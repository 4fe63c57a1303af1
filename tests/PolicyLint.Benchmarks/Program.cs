using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using PolicyLint.Benchmarks;

// generate repo DIR COUNT        COUNT templates under DIR (bench/run.sh makes 1,000 and 10,000)
// generate functions DIR COUNT   one template with COUNT functions
// stages NAME|DIR [REPEAT]       stopwatch breakdown of the stages and the bytes each allocates (quick profiling)
// allocs NAME|DIR STAGE          the types that take a stage's bytes (parse, load, analyze, sarif)
// anything else                  BenchmarkDotNet (e.g. --filter '*' --job short)
if (args is ["generate", var kind, var dir, var countText])
{
    var count = int.Parse(countText, CultureInfo.InvariantCulture);
    if (kind == "repo")
        RepoGenerator.WriteRepository(Path.GetFullPath(dir), count);
    else if (kind == "functions")
        RepoGenerator.WriteLargeTemplate(Path.GetFullPath(dir), count);
    else
    {
        Console.Error.WriteLine("generate repo|functions DIR COUNT");
        return 2;
    }

    return 0;
}

// allocs: sampled by the runtime (AllocListener), over two runs after a warm-up run.
if (args is ["allocs", var allocName, var allocStage])
{
    var repository = BenchmarkRepository.Open(allocName);
    using var listener = new AllocListener();
    for (var i = 0; i < 3; i++)
    {
        listener.On = i > 0 && allocStage == "parse";
        repository.Parse();
        listener.On = i > 0 && allocStage == "load";
        var (project, diagnostics) = repository.Load();
        listener.On = i > 0 && allocStage == "analyze";
        var run = BenchmarkRepository.Analyze(project, diagnostics);
        listener.On = i > 0 && allocStage == "sarif";
        BenchmarkRepository.WriteSarif(run);
        listener.On = false;
    }

    var total = listener.ByType.Values.Sum();
    Console.WriteLine($"{total / 2048:N0} KiB sampled a run");
    foreach (var (type, bytes) in listener.ByType.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(40))
        Console.WriteLine($"{bytes * 100.0 / total,5:F1}% {bytes / 2048,8:N0} KiB {type}");
    return 0;
}

if (args is ["stages", var name, ..])
{
    var repeat = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
    var repository = BenchmarkRepository.Open(name);
    Console.WriteLine($"{repository.Files.Count} files, {repository.Files.Sum(f => f.Bytes.Length) / 1024} KiB; median of {repeat} (ms)");
    var stages = new Dictionary<string, List<double>>();
    var allocated = new Dictionary<string, long>();
    var allocatedBefore = 0L;
    for (var i = 0; i < repeat + 1; i++)
    {
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        var trees = repository.Parse();
        Record("parse", sw, i);
        var (project, diagnostics) = repository.Load();
        Record("parse+bind", sw, i);
        var run = BenchmarkRepository.Analyze(project, diagnostics);
        Record("analyze", sw, i);
        var bytes = BenchmarkRepository.WriteSarif(run);
        Record("sarif", sw, i);
        if (i == 0)
            Console.WriteLine($"{trees.Count} trees, {project.Templates.Count} templates, {project.Functions.Length} functions, {project.Ledger.Exclusions.Count} ledger entries, {run.Diagnostics.Count} results, {bytes / 1024} KiB SARIF");
    }

    foreach (var (stage, times) in stages)
        Console.WriteLine($"{stage,-12} {Median(times),10:F1} ms {allocated[stage] / 1024,10:N0} KiB allocated");
    return 0;

    void Record(string stage, Stopwatch sw, int iteration)
    {
        if (iteration > 0) // the first run warms up the JIT
            (stages.TryGetValue(stage, out var list) ? list : stages[stage] = []).Add(sw.Elapsed.TotalMilliseconds);
        // Bytes the process allocated in the stage (the last iteration's).
        var now = GC.GetTotalAllocatedBytes(precise: true);
        allocated[stage] = now - allocatedBefore;
        allocatedBefore = now;
        sw.Restart();
    }

    static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}

BenchmarkSwitcher.FromAssembly(typeof(StageBenchmarks).Assembly).Run(args);
return 0;
