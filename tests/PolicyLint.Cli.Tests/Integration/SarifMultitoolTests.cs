using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Integration;

/// <summary>
/// The SARIF of every sample and every example case, checked by the SARIF Multitool (npm
/// <c>@microsoft/sarif-multitool</c>) with GitHub's ingestion rules: <c>validate --rule-kind "Sarif;Ghas"</c> must
/// report no result of level error or warning. The bundled executable is called directly (the npm wrapper goes
/// through a shell, where the <c>;</c> would split the command), and since it exits 0 whatever it finds, its output
/// log is read. A deliberately broken log goes along to show that the validator runs. Skipped, saying so, when the
/// Multitool is not installed: <c>.ci/run</c> installs it under <c>.ci/out/</c>, or set
/// <c>POLICYLINT_SARIF_MULTITOOL</c> to its <c>Sarif.Multitool</c> executable.
/// </summary>
public sealed class SarifMultitoolTests
{
    private const string KnownPath = ".ci/out/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";

    private static string? Multitool()
    {
        var path = Environment.GetEnvironmentVariable("POLICYLINT_SARIF_MULTITOOL") is { Length: > 0 } configured
            ? configured
            : RepositoryPaths.Get(KnownPath);
        return File.Exists(path) ? path : null;
    }

    private static IEnumerable<(string Name, string Root)> Inputs()
    {
        foreach (var sample in new[] { "inspector-basic", "inspector-problems", "notification-problems", "deployed-state" })
            yield return ($"sample-{sample}", CliRunner.Samples(sample));
        foreach (var folder in Directory.EnumerateDirectories(RepositoryPaths.Get("tests/cases")).Order(StringComparer.Ordinal))
            yield return ($"case-{Path.GetFileName(folder)}", folder);
    }

    [Test]
    public void EverySampleAndCase_PassesSarifAndGitHubRules()
    {
        if (Multitool() is not { } multitool)
        {
            ExternalTool.Missing($"the SARIF Multitool is not installed (npm install @microsoft/sarif-multitool into .ci/out/sarif-multitool, as .ci/run does, or set POLICYLINT_SARIF_MULTITOOL)");
            return;
        }

        using var directory = new TemporaryRepository();
        var files = new List<string>();
        foreach (var (name, root) in Inputs())
        {
            foreach (var (suffix, extra) in new[] { ("", Array.Empty<string>()), ("-omit-suppressed", ["--omit-suppressed"]), ("-path-prefix", ["--path-prefix", "infra/app/"]) })
            {
                var run = CliRunner.Lint(["--format", "sarif", .. extra, root]);
                files.Add(directory.Write($"{name}{suffix}.sarif", run.Stdout));
            }
        }

        var control = JsonNode.Parse(CliRunner.Lint("--format", "sarif", CliRunner.Samples("inspector-problems")).Stdout)!;
        control["runs"]![0]!["results"]![0]!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"] = 0;
        files.Add(directory.Write("control-start-line-0.sarif", control.ToJsonString()));
        var output = Path.Combine(directory.Root, "validation.sarif");

        var (exitCode, log) = ExternalTool.Run(multitool, directory.Root, new Dictionary<string, string> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" },
            ["validate", "--rule-kind", "Sarif;Ghas", "-o", output, .. files]);

        Assert.That(exitCode, Is.Zero, log);
        using var validation = JsonDocument.Parse(File.ReadAllText(output));
        var problems = validation.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => (
                // SARIF: a result without level is a warning.
                Level: r.TryGetProperty("level", out var level) ? level.GetString() : "warning",
                File: Path.GetFileName(r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()),
                Text: $"{r.GetProperty("ruleId").GetString()} {r.GetProperty("message")}"))
            .Where(p => p.Level is "error" or "warning")
            .ToList();
        Assert.That(problems.Where(p => p.File == "control-start-line-0.sarif").Select(p => p.Text), Has.Some.StartsWith("JSON1008 "),
            "the validator reports a startLine of 0 in the control log");
        Assert.That(problems.Where(p => p.File != "control-start-line-0.sarif").Select(p => $"{p.File}: {p.Level} {p.Text}"), Is.Empty);
        Assert.That(files, Has.Count.EqualTo((3 * Inputs().Count()) + 1));
    }
}
