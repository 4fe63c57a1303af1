using System.Text.Json;
using System.Text.RegularExpressions;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary>The outcome of one in-process run of the command line.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>stdout parsed as SARIF, after validating it against the 2.1.0 schema.</summary>
    public JsonDocument Sarif()
    {
        SarifSchema.AssertValid(Stdout);
        return JsonDocument.Parse(Stdout);
    }
}

/// <summary>Runs <see cref="CliApp.Run"/> in process with captured output.</summary>
internal static partial class CliRunner
{
    /// <summary>The day every CLI test runs on.</summary>
    public const string Today = "2026-11-29";

    /// <summary>The tool version golden files carry in place of the real one.</summary>
    public const string TestVersion = "0.0.0-test";

    public static string Samples(string name) => RepositoryPaths.Get("samples", name);

    public static CliRun Run(string workingDirectory, params string[] args) => Run(workingDirectory, args, null);

    /// <summary>Runs with other parse limits than the defaults.</summary>
    public static CliRun Run(string workingDirectory, string[] args, Core.Syntax.ParseLimits? limits)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = CliApp.Run(args, stdout, stderr, workingDirectory, limits);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs from the repository root with <c>--today</c> set.</summary>
    public static CliRun Lint(params string[] args) => Run(RepositoryPaths.Root, ["--today", Today, .. args]);

    /// <summary>Replaces the tool version in SARIF (<c>tool.driver.version</c>, <c>semanticVersion</c>) or PolicyLint
    /// JSON (<c>tool.version</c>) with <see cref="TestVersion"/>; nothing else changes.</summary>
    public static string NormalizeVersion(string text) =>
        SemanticVersion().Replace(ToolVersion().Replace(text, $"$1\"{TestVersion}\""), $"$1\"{TestVersion}\"");

    /// <summary>The results of a SARIF log as <c>ID path line:col</c>, in file order.</summary>
    public static IReadOnlyList<string> ResultKeys(JsonDocument sarif) =>
        [.. Results(sarif).Select(r =>
        {
            var physical = r.GetProperty("locations")[0].GetProperty("physicalLocation");
            var region = physical.GetProperty("region");
            return $"{r.GetProperty("ruleId").GetString()} {physical.GetProperty("artifactLocation").GetProperty("uri").GetString()} {region.GetProperty("startLine").GetInt32()}:{region.GetProperty("startColumn").GetInt32()}";
        })];

    public static IEnumerable<JsonElement> Results(JsonDocument sarif) =>
        sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray();

    [GeneratedRegex("(\"name\": \"PolicyLint\",\\s*\"version\": )\"[^\"]*\"")]
    private static partial Regex ToolVersion();

    [GeneratedRegex("(\"semanticVersion\": )\"[^\"]*\"")]
    private static partial Regex SemanticVersion();

    /// <summary>The reviewed text output of a sample (its golden expected.txt): the one place result counts live.</summary>
    public static GoldenText SampleGolden(string sample) =>
        new(File.ReadAllText(PolicyLint.Testing.RepositoryPaths.Get($"tests/PolicyLint.Cli.Tests/Golden/{sample}/expected.txt")));

    /// <summary>A golden text report: its result lines and its summary line.</summary>
    public sealed record GoldenText(string Text)
    {
        /// <summary>The result lines.</summary>
        public string[] ResultLines => Text.Split('\n')[..^2];

        /// <summary>The summary line.</summary>
        public string Summary => Text.Split('\n')[^2];

        /// <summary>The rule IDs of the results, in report order.</summary>
        public string[] Ids => [.. ResultLines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @": \w+ (PL\d{4}): ").Groups[1].Value)];

        /// <summary>A count from the summary line: "errors", "warnings", "info" or "files".</summary>
        public int Count(string word) => int.Parse(System.Text.RegularExpressions.Regex.Match(Summary, $@"(\d+) {word}").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
