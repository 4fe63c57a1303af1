using NUnit.Framework;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Reporting;
using PolicyLint.Rules;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Robustness;

/// <summary>The same input gives byte-identical SARIF across runs, thread counts, file-system order, culture and time
/// zone.</summary>
public sealed class DeterminismTests
{
    private static readonly string[] Roots = ["tests/corpus", "tests/cases", "samples/inspector-problems"];

    private static string Sarif(string root, int maxDegreeOfParallelism = -1)
    {
        var load = new LoadRequest { Root = root, MaxDegreeOfParallelism = maxDegreeOfParallelism };
        var options = new AnalysisOptions { Today = new DateOnly(2026, 11, 29), MaxDegreeOfParallelism = maxDegreeOfParallelism };
        var run = AnalysisRunner.Run(load, options, RulePack.CreateAnalyzers());
        return SarifReporter.ToJson(SarifReporter.Build(run, new SarifOptions { HelpMarkdown = RulePack.GetHelpMarkdown }));
    }

    [TestCaseSource(nameof(Roots))]
    public void TwoRuns_GiveTheSameBytes(string root)
    {
        var first = Sarif(RepositoryPaths.Get(root));
        var second = Sarif(RepositoryPaths.Get(root));

        Assert.That(second, Is.EqualTo(first));
    }

    [TestCaseSource(nameof(Roots))]
    public void OneThreadOrMany_GiveTheSameBytes(string root)
    {
        var parallel = Sarif(RepositoryPaths.Get(root));

        Assert.That(Sarif(RepositoryPaths.Get(root), maxDegreeOfParallelism: 1), Is.EqualTo(parallel));
        Assert.That(Sarif(RepositoryPaths.Get(root), maxDegreeOfParallelism: 2), Is.EqualTo(parallel));
    }

    [Test]
    public void FileSystemOrder_DoesNotMatter()
    {
        var source = RepositoryPaths.Get("tests/cases");
        var files = Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        using var forward = new TemporaryRepository();
        using var backward = new TemporaryRepository();
        foreach (var file in files)
            forward.WriteBytes(Path.GetRelativePath(source, file), File.ReadAllBytes(file));
        foreach (var file in Enumerable.Reverse(files))
            backward.WriteBytes(Path.GetRelativePath(source, file), File.ReadAllBytes(file));

        Assert.That(Sarif(backward.Root), Is.EqualTo(Sarif(forward.Root)));
    }

    [Test]
    public void TurkishCultureAndAFarTimeZone_GiveTheSameBytes()
    {
        string[] args = ["--today", CliRunner.Today, "--format", "sarif", RepositoryPaths.Get("tests/cases")];
        var plain = ChildProcess.Run(ChildProcess.PolicyLint, args, new Dictionary<string, string> { ["LANG"] = "C.UTF-8", ["LC_ALL"] = "C.UTF-8", ["TZ"] = "UTC" });
        var turkish = ChildProcess.Run(ChildProcess.PolicyLint, args, new Dictionary<string, string>
        {
            ["LANG"] = "tr_TR.UTF-8",
            ["LC_ALL"] = "tr_TR.UTF-8",
            ["TZ"] = "Pacific/Kiritimati", // UTC+14: its calendar date differs from UTC's for half of each day
        });

        Assert.That(plain.Stderr, Is.Empty);
        Assert.That(turkish.ExitCode, Is.EqualTo(plain.ExitCode));
        Assert.That(turkish.Stdout, Is.EqualTo(plain.Stdout));
    }
}
