using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace PolicyLint.Cli.Tests.Integration;

/// <summary>
/// The text output as VS Code's <c>$msCompile</c> problem matcher reads it (docs/conventions.md#c19): every result line gives back the
/// file, line, column, severity, code and message of its result, and the summary line is no problem.
/// </summary>
public sealed class ProblemMatcherTests
{
    /// <summary>The <c>msCompile</c> pattern with its groups file 1, location 2, severity 3, code 4, message 5, from
    /// microsoft/vscode <c>src/vs/workbench/contrib/tasks/common/problemMatcher.ts</c> (commit dbc8a32e5aa9,
    /// <c>ProblemPatternRegistryImpl.fillDefaults</c>), MIT. ECMAScript semantics, as JavaScript runs it.</summary>
    private static readonly Regex MsCompile = new(
        @"^(?:\s*\d+>)?(\S.*)\((\d+|\d+,\d+|\d+,\d+,\d+,\d+)\)\s*:\s+((?:fatal +)?error|warning|info)\s+(\w+\d+)\s*:\s*(.*)$",
        RegexOptions.ECMAScript);

    [TestCase("inspector-problems")]
    [TestCase("notification-problems")]
    [TestCase("inspector-basic")]
    public void EveryResultLine_MatchesWithItsFields_AndTheSummaryDoesNot(string sample)
    {
        var root = CliRunner.Samples(sample);
        var lines = CliRunner.Lint(root).Stdout.Split('\n')[..^1];
        using var json = JsonDocument.Parse(CliRunner.Lint("--format", "json", root).Stdout);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();

        Assert.That(lines, Has.Length.EqualTo(results.Count + 1));
        Assert.Multiple(() =>
        {
            for (var i = 0; i < results.Count; i++)
            {
                var match = MsCompile.Match(lines[i]);
                var result = results[i];
                Assert.That(match.Success, Is.True, lines[i]);
                var severity = result.GetProperty("severity").GetString() == "note" ? "info" : result.GetProperty("severity").GetString();
                Assert.That(
                    (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, match.Groups[4].Value, match.Groups[5].Value),
                    Is.EqualTo((
                        result.GetProperty("path").GetString(),
                        $"{result.GetProperty("line").GetInt32()},{result.GetProperty("column").GetInt32()}",
                        severity,
                        result.GetProperty("id").GetString(),
                        result.GetProperty("message").GetString())),
                    lines[i]);
            }

            Assert.That(MsCompile.IsMatch(lines[^1]), Is.False, lines[^1]);
            Assert.That(lines[^1], Does.StartWith("PolicyLint: "));
        });
    }
}
