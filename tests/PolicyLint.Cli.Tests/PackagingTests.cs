using System.Text.Json;
using System.Xml.Linq;
using NUnit.Framework;
using PolicyLint.Cli.Tests.Integration;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary>pre-commit's dotnet support packs the whole repository and installs every package as a tool: only the
/// command line may be packable (tests and benchmarks included in the check).</summary>
public sealed class PackagingTests
{
    [Test]
    public void OnlyTheCommandLineIsPackable()
    {
        var root = RepositoryPaths.Root;
        var projects = Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Where(p => !p.Split('/').Any(part => part is "bin" or "obj" or ".ci"))
            .ToList();

        string? Packable(string file) =>
            XDocument.Load(Path.Combine(root, file)).Descendants("IsPackable").Select(e => e.Value.Trim()).LastOrDefault();

        Assert.That(Packable("Directory.Build.props"), Is.EqualTo("false"), "the default for every project");
        Assert.That(projects, Does.Contain("src/PolicyLint.Cli/PolicyLint.Cli.csproj").And.Count.GreaterThan(5));
        Assert.That(projects.Where(p => Packable(p) == "true"), Is.EqualTo(new[] { "src/PolicyLint.Cli/PolicyLint.Cli.csproj" }));
        Assert.That(Directory.EnumerateFiles(root, "Directory.Build.props", SearchOption.AllDirectories)
            .Where(p => Packable(Path.GetRelativePath(root, p)) == "true"), Is.Empty);
        Assert.That(XDocument.Load(Path.Combine(root, "src/PolicyLint.Cli/PolicyLint.Cli.csproj")).Descendants("PackAsTool").Single().Value, Is.EqualTo("true"));
    }

    /// <summary>pre-commit runs <c>dotnet pack</c> at the root, which packs the solution: while packing,
    /// <c>Directory.Solution.targets</c> cuts the solution to the command line, so restore (NuGet's own restore graph,
    /// written without downloading anything) covers the tool and its project references only, and the tool is
    /// restored for the packing machine's runtime identifier (the ReadyToRun package). A normal solution restore still
    /// covers every project.</summary>
    [Test]
    public void RootPack_RestoresOnlyTheTool_ForThisMachine()
    {
        using var scratch = new TemporaryRepository();

        (string[] Projects, JsonElement Graph) Graph(string name, params string[] properties)
        {
            var file = Path.Combine(scratch.Root, name);
            var (exitCode, output) = ExternalTool.Run("dotnet", RepositoryPaths.Root, null,
                ["msbuild", "PolicyLint.sln", "-t:GenerateRestoreGraphFile", $"-p:RestoreGraphOutputPath={file}", "-nologo", "-v:q", .. properties]);
            Assert.That(exitCode, Is.Zero, output);
            var graph = JsonDocument.Parse(File.ReadAllText(file)).RootElement.Clone();
            return ([.. graph.GetProperty("restore").EnumerateObject().Select(p => Path.GetRelativePath(RepositoryPaths.Root, p.Name).Replace('\\', '/')).Order(StringComparer.Ordinal)], graph);
        }

        var (packing, graph) = Graph("pack.json", "-p:_IsPacking=true");
        Assert.That(packing, Is.EqualTo(new[]
        {
            "rules/PolicyLint.Rules.csproj", "src/PolicyLint.Cli/PolicyLint.Cli.csproj", "src/PolicyLint.Core/PolicyLint.Core.csproj",
            "src/PolicyLint.Generators/PolicyLint.Generators.csproj",
        }));
        var cli = graph.GetProperty("projects").EnumerateObject().Single(p => p.Name.EndsWith("PolicyLint.Cli.csproj", StringComparison.Ordinal)).Value;
        Assert.That(cli.GetProperty("runtimes").EnumerateObject().Select(r => r.Name), Is.EqualTo(new[] { System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier }),
            "the package is precompiled for the machine that packs it");

        Assert.That(PackageIds(graph), Does.Not.Contain("Microsoft.CodeAnalysis.PublicApiAnalyzers"), "a source check, not restored while packing");

        var (building, buildGraph) = Graph("build.json");
        Assert.That(building, Has.Length.GreaterThan(packing.Length).And.Contain("tests/PolicyLint.Cli.Tests/PolicyLint.Cli.Tests.csproj"));
        Assert.That(PackageIds(buildGraph), Does.Contain("Microsoft.CodeAnalysis.PublicApiAnalyzers"));
    }

    private static string[] PackageIds(JsonElement graph) =>
        [.. graph.GetProperty("projects").EnumerateObject()
            .SelectMany(p => p.Value.GetProperty("frameworks").EnumerateObject())
            .SelectMany(f => f.Value.TryGetProperty("dependencies", out var d) ? d.EnumerateObject().Select(x => x.Name) : [])
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>While packing, analyzers and code-style checks are off for every project the tool is built from (they
    /// change no byte of its assemblies and were half the pack's build); a normal build runs them.</summary>
    [TestCase("src/PolicyLint.Core/PolicyLint.Core.csproj")]
    [TestCase("rules/PolicyLint.Rules.csproj")]
    [TestCase("src/PolicyLint.Cli/PolicyLint.Cli.csproj")]
    public void RootPack_RunsNoAnalyzers(string project)
    {
        string[] Properties(params string[] extra)
        {
            var (exitCode, output) = ExternalTool.Run("dotnet", RepositoryPaths.Root, null,
                ["msbuild", project, "-getProperty:RunAnalyzers", "-getProperty:EnforceCodeStyleInBuild", "-nologo", .. extra]);
            Assert.That(exitCode, Is.Zero, output);
            var json = JsonDocument.Parse(output).RootElement.GetProperty("Properties");
            return [json.GetProperty("RunAnalyzers").GetString()!, json.GetProperty("EnforceCodeStyleInBuild").GetString()!];
        }

        Assert.That(Properties("-p:_IsPacking=true"), Is.EqualTo(new[] { "false", "false" }));
        Assert.That(Properties(), Is.EqualTo(new[] { string.Empty, "true" }));
    }
}
