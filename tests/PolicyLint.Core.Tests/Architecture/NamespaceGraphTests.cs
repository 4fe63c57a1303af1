using System.Text.RegularExpressions;
using NUnit.Framework;
using PolicyLint.Core.Loading;
using PolicyLint.Rules;
using PolicyLint.Testing;

namespace PolicyLint.Core.Tests.Architecture;

/// <summary>
/// The namespaces of the engine and the rule pack depend on each other one way only: no cycle, and no dependency
/// that the table of docs/architecture.md#namespaces does not allow (a new one is a reviewed change of that table).
/// </summary>
public sealed partial class NamespaceGraphTests
{
    [TestCase("PolicyLint.Core")]
    [TestCase("PolicyLint.Rules")]
    public void Assembly_HasNoNamespaceCycle(string assemblyName)
    {
        var graph = NamespaceGraph.Of(AssemblyNamed(assemblyName));
        TestContext.Out.WriteLine(graph.Render(assemblyName));

        Assert.That(graph.Cycles().Select(c => string.Join(" <-> ", c)), Is.Empty);
    }

    [TestCase("PolicyLint.Core")]
    [TestCase("PolicyLint.Rules")]
    public void Assembly_UsesOnlyTheDependenciesTheArchitecturePageAllows(string assemblyName)
    {
        var graph = NamespaceGraph.Of(AssemblyNamed(assemblyName));
        var allowed = AllowedDependencies();

        var unexpected = graph.Edges
            .SelectMany(e => e.Value.Select(to => (From: e.Key, To: to)))
            .Where(e => !(allowed.TryGetValue(e.From, out var targets) && targets.Contains(e.To)))
            .Select(e => $"{e.From} -> {e.To} ({string.Join("; ", graph.Why(e.From, e.To))})");
        var undocumented = graph.Edges.Keys.Where(n => !allowed.ContainsKey(n));

        Assert.Multiple(() =>
        {
            Assert.That(unexpected, Is.Empty, "dependencies missing from docs/architecture.md#namespaces");
            Assert.That(undocumented, Is.Empty, "namespaces missing from docs/architecture.md#namespaces");
        });
    }

    [Test]
    public void FindCycles_ReportsEachCycleOnceAndNotWhatOnlyLeadsIntoIt()
    {
        var cycles = NamespaceGraph.FindCycles(new Dictionary<string, IEnumerable<string>>
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A", "E"], ["E"] = ["F"], ["F"] = ["E"], ["G"] = [],
        });

        Assert.That(cycles.Select(c => string.Join(",", c)), Is.EqualTo(new[] { "A,B,C", "E,F" }));
    }

    private static System.Reflection.Assembly AssemblyNamed(string name) => name switch
    {
        "PolicyLint.Core" => typeof(ProjectModel).Assembly,
        "PolicyLint.Rules" => typeof(RulePack).Assembly,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>The rows <c>| `Namespace` | `A`, `B` |</c> of the architecture page's namespace table.</summary>
    private static Dictionary<string, HashSet<string>> AllowedDependencies()
    {
        var table = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(RepositoryPaths.Get("docs/architecture.md")))
        {
            var row = Row().Match(line);
            if (!row.Success)
                continue;
            table[row.Groups[1].Value] = Name().Matches(row.Groups[2].Value).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        }

        return table;
    }

    [GeneratedRegex(@"^\| `(PolicyLint(?:\.\w+)+)` \| ([^|]*) \|")]
    private static partial Regex Row();

    [GeneratedRegex(@"`(PolicyLint(?:\.\w+)+)`")]
    private static partial Regex Name();
}
