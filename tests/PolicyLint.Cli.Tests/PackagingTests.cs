using System.Xml.Linq;
using NUnit.Framework;
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
}
