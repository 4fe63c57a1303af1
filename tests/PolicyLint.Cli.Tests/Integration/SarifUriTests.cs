using System.Text.Json;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Integration;

/// <summary>GitHub code scanning resolves every SARIF URI against the checkout: none may point outside the root.</summary>
public sealed class SarifUriTests
{
    private const string TaggedFunction = """
        Resources:
          Worker:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: worker
              Tags:
                InspectorExclusion: LambdaStandardScanning
        """;

    [TestCase("inspector-basic")]
    [TestCase("inspector-problems")]
    [TestCase("notification-problems")]
    public void EverySampleUri_IsRelativeAndInsideTheRoot(string sample)
    {
        var root = CliRunner.Samples(sample);

        AssertUrisInside(CliRunner.Lint("--format", "sarif", root), root);
    }

    [Test]
    public void OddNamesAndALinkToAFileOutside_StayInsideTheRoot()
    {
        using var outside = new TemporaryRepository();
        var target = outside.Write("template.yaml", TaggedFunction);
        using var repository = new TemporaryRepository();
        repository.Write("100% ../a b/template.yaml", TaggedFunction);
        repository.Write("...yaml", TaggedFunction);
        repository.Write("café/模板.yaml", TaggedFunction);
        File.CreateSymbolicLink(Path.Combine(repository.Root, "linked.yaml"), target);

        var run = CliRunner.Lint("--format", "sarif", repository.Root);

        using var sarif = run.Sarif();
        Assert.That(CliRunner.ResultKeys(sarif).Where(k => k.StartsWith("PL1001 ", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "PL1001 ...yaml 7:9",
            "PL1001 100%25%20../a%20b/template.yaml 7:9",
            "PL1001 caf%C3%A9/%E6%A8%A1%E6%9D%BF.yaml 7:9",
            "PL1001 linked.yaml 7:9",
        }));
        AssertUrisInside(run, repository.Root);
    }

    private static void AssertUrisInside(CliRun run, string root)
    {
        using var sarif = run.Sarif();
        var prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        var artifacts = new List<JsonElement>();
        Collect(sarif.RootElement, artifacts);
        foreach (var artifact in artifacts)
        {
            var uri = artifact.GetProperty("uri").GetString()!;
            var path = Uri.UnescapeDataString(uri);
            Assert.Multiple(() =>
            {
                Assert.That(Uri.TryCreate(uri, UriKind.Absolute, out _), Is.False, $"{uri} is absolute");
                Assert.That(artifact.GetProperty("uriBaseId").GetString(), Is.EqualTo("%SRCROOT%"), uri);
                Assert.That(path.Split('/'), Has.None.EqualTo("..").And.None.EqualTo(".").And.None.EqualTo(string.Empty), uri);
                Assert.That(Path.GetFullPath(Path.Combine(root, path)), Does.StartWith(prefix), uri);
            });
        }
    }

    /// <summary>Every <c>artifactLocation</c> in the log (results, related locations, suppressions, notifications).</summary>
    private static void Collect(JsonElement element, List<JsonElement> artifacts)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "artifactLocation")
                    artifacts.Add(property.Value);
                Collect(property.Value, artifacts);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                Collect(item, artifacts);
        }
    }
}
