using System.Text;
using System.Text.RegularExpressions;
using NUnit.Framework;
using PolicyLint.Core.Reporting;
using PolicyLint.Testing;

namespace PolicyLint.Core.Tests.Reporting;

public sealed partial class MarkdownTextTests
{
    /// <summary>ToPlainText as it was written with regular expressions (before issue 15 wrote the three rules out):
    /// the reference the code is checked against.</summary>
    private static string WithRegularExpressions(string markdown)
    {
        var sb = new StringBuilder(markdown.Length);
        var inFence = false;
        foreach (var rawLine in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine;
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                sb.Append("    ").Append(line).Append('\n');
                continue;
            }

            if (TableSeparator().IsMatch(line))
                continue;
            if (line.StartsWith('|'))
                line = string.Join("  ", line.Trim('|').Split('|').Select(c => c.Trim()));
            line = Heading().Replace(line, string.Empty);
            line = Link().Replace(line, "$1 ($2)");
            line = line.Replace("**", string.Empty, StringComparison.Ordinal).Replace("`", string.Empty, StringComparison.Ordinal);
            sb.Append(line).Append('\n');
        }

        return sb.ToString().TrimEnd('\n') + "\n";
    }

    [GeneratedRegex(@"^#{1,6}\s+")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^\|?\s*:?-{3,}")]
    private static partial Regex TableSeparator();

    private static IEnumerable<string> RulePages() =>
        Directory.GetFiles(RepositoryPaths.Get("rules/docs"), "*.md").Order(StringComparer.Ordinal).Select(Path.GetFileName)!;

    [TestCaseSource(nameof(RulePages))]
    public void RulePage_IsWhatTheRegularExpressionsGave(string page)
    {
        var markdown = File.ReadAllText(RepositoryPaths.Get("rules/docs", page));

        Assert.That(MarkdownText.ToPlainText(markdown), Is.EqualTo(WithRegularExpressions(markdown)));
    }

    [TestCase("# H")]
    [TestCase("###### six")]
    [TestCase("####### seven")]
    [TestCase("#nospace")]
    [TestCase("#")]
    [TestCase("#\u00a0\u2003 unicode spaces")]
    [TestCase("  # indented")]
    [TestCase("|---|:--|")]
    [TestCase("| :--- | x")]
    [TestCase("|--")]
    [TestCase("\t:---")]
    [TestCase(":-- -")]
    [TestCase("||---")]
    [TestCase("[a](b)")]
    [TestCase("x [a](b) y [c](d) z")]
    [TestCase("[a [b](c)")]
    [TestCase("[](x) [a]() [a] (b) [a](b")]
    [TestCase("[a](b(c)d)")]
    [TestCase("[a]](b) [[a]](b)")]
    [TestCase("]([x](y)")]
    [TestCase("# [**Link**](`u`) and `code`")]
    [TestCase("| a | [b](c) |")]
    public void Line_IsWhatTheRegularExpressionsGave(string line) =>
        Assert.That(MarkdownText.ToPlainText(line + "\n" + line), Is.EqualTo(WithRegularExpressions(line + "\n" + line)));

    [Test]
    public void ToPlainText_RemovesMarkup_KeepsStructure()
    {
        var markdown = "# PL2001: Function uses a customer managed KMS key\r\n" +
                       "\r\n" +
                       "| ID | Category |\r\n" +
                       "|---|---|\r\n" +
                       "| PL2001 | ScanCoverage |\r\n" +
                       "\r\n" +
                       "## Cause\r\n" +
                       "The **`KmsKeyArn`** property is set; see [the guide](https://docs.aws.amazon.com/x.html).\r\n" +
                       "```yaml template\r\n" +
                       "Resources: {}\r\n" +
                       "```\r\n" +
                       "\r\n\r\n";

        Assert.That(MarkdownText.ToPlainText(markdown), Is.EqualTo(
            "PL2001: Function uses a customer managed KMS key\n" +
            "\n" +
            "ID  Category\n" +
            "PL2001  ScanCoverage\n" +
            "\n" +
            "Cause\n" +
            "The KmsKeyArn property is set; see the guide (https://docs.aws.amazon.com/x.html).\n" +
            "    Resources: {}\n"));
    }

    [Test]
    public void ToPlainText_EndsWithOneLineBreak() =>
        Assert.That(MarkdownText.ToPlainText("text"), Is.EqualTo("text\n"));
}
