using NUnit.Framework;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Reporting;
using PolicyLint.Core.Tests.Analysis;
using PolicyLint.Core.Text;
using PolicyLint.Testing;

namespace PolicyLint.Core.Tests.Reporting;

/// <summary>The gnu, github and markdown formats and the text colours, line by line (the CLI golden files show whole
/// reports).</summary>
public sealed class LineFormatsTests
{
    private static Diagnostic Make(string path, DiagnosticDescriptor descriptor, string message, DiagnosticSeverity? severity = null)
    {
        var source = SourceText.From(path, "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n");
        return new(descriptor, DiagnosticTarget.At(new Location(source, new TextSpan(13, 15))), message, severity);
    }

    private static RunResult RunWith(params Diagnostic[] diagnostics)
    {
        using var repository = new TemporaryRepository();
        return AnalysisDriverTests.Run(repository, []) with { Diagnostics = diagnostics, FileCount = 1 };
    }

    private static string Write(Action<RunResult, TextWriter> write, RunResult run)
    {
        using var writer = new StringWriter();
        write(run, writer);
        return writer.ToString();
    }

    [Test]
    public void Gnu_IsPathLineColumnSeverityMessageAndId_WithoutASummary()
    {
        var suppression = new SuppressionInfo("Accepted", null, Location.FileLevel(SourceText.From("t.yaml", "")));
        var run = RunWith(
            Make("dir/t.yaml", FunctionAnalyzer.Rule, "Function 'Fn'"),
            Make("dir/t.yaml", LedgerAnalyzer.Rule, "A note"),
            Make("dir/t.yaml", RepeatingAnalyzer.Rule, "Hidden").WithSuppression(suppression));

        Assert.Multiple(() =>
        {
            Assert.That(Write((r, w) => GnuReporter.Write(r, w), run), Is.EqualTo(
                "dir/t.yaml:2:3: warning: Function 'Fn' [PL1901]\n" +
                "dir/t.yaml:2:3: note: A note [PL3901]\n"));
            Assert.That(Write((r, w) => GnuReporter.Write(r, w, showSuppressed: true), run), Does.EndWith(
                "dir/t.yaml:2:3: error: Hidden [PL1902] [suppressed: Accepted]\n"));
        });
    }

    [Test]
    public void GitHub_IsOneWorkflowCommandPerResult_ThenTheSummary()
    {
        var run = RunWith(
            Make("dir/t.yaml", RepeatingAnalyzer.Rule, "An error"),
            Make("dir/t.yaml", FunctionAnalyzer.Rule, "A warning"),
            Make("dir/t.yaml", LedgerAnalyzer.Rule, "A note"));

        Assert.That(Write((r, w) => GitHubReporter.Write(r, w), run), Is.EqualTo(
            "::error file=dir/t.yaml,line=2,col=3,endLine=2,endColumn=5,title=PL1902::An error\n" +
            "::warning file=dir/t.yaml,line=2,col=3,endLine=2,endColumn=5,title=PL1901::A warning\n" +
            "::notice file=dir/t.yaml,line=2,col=3,endLine=2,endColumn=5,title=PL3901::A note\n" +
            "PolicyLint: 1 error, 1 warning, 1 info in 1 file\n"));
    }

    [Test]
    public void GitHub_EscapesPercentAndLineBreaksInTheMessage_AndAlsoColonAndCommaInProperties()
    {
        var line = GitHubReporter.FormatLine(Make("a,b:c%d/t.yaml", FunctionAnalyzer.Rule, "50% of 'x,y: z'\r\nnext"));

        Assert.Multiple(() =>
        {
            Assert.That(line, Is.EqualTo("::warning file=a%2Cb%3Ac%25d/t.yaml,line=2,col=3,endLine=2,endColumn=5,title=PL1901::50%25 of 'x,y: z'%0D%0Anext"));
            Assert.That(GitHubReporter.EscapeData("%\r\n:,"), Is.EqualTo("%25%0D%0A:,"));
            Assert.That(GitHubReporter.EscapeProperty("%\r\n:,"), Is.EqualTo("%25%0D%0A%3A%2C"));
        });
    }

    [Test]
    public void Markdown_CountsPerSeverity_ThenATableWithRuleAndLocationLinks()
    {
        var run = RunWith(Make("my dir/t.yaml", FunctionAnalyzer.Rule, "Pipe | and *stars* and <b>"));

        Assert.That(Write((r, w) => MarkdownReporter.Write(r, w), run), Is.EqualTo(
            "## PolicyLint\n\n" +
            "| errors | warnings | notes | suppressed | files |\n" +
            "|---:|---:|---:|---:|---:|\n" +
            "| 0 | 1 | 0 | 0 | 1 |\n\n" +
            "| severity | rule | location | message |\n" +
            "|---|---|---|---|\n" +
            "| warning | [PL1901](https://github.com/policylint/policylint/blob/main/rules/docs/PL1901.md) | [my dir/t.yaml(2,3)](my%20dir/t.yaml#L2) | Pipe \\| and \\*stars\\* and \\<b\\> |\n"));
    }

    [Test]
    public void Markdown_WithoutResults_SaysSo()
    {
        Assert.That(Write((r, w) => MarkdownReporter.Write(r, w), RunWith()), Does.EndWith("| 0 | 0 | 0 | 0 | 1 |\n\nNo results.\n"));
    }

    [TestCase("a|b", "a\\|b")]
    [TestCase("snake_case and `code`", "snake\\_case and \\`code\\`")]
    [TestCase("[link](x) ~strike~ & \\", "\\[link\\](x) \\~strike\\~ \\& \\\\")]
    [TestCase("two\nlines\r\n", "two\\\\nlines\\\\r\\\\n")]
    [TestCase("esc\u001b[31m", "esc\\\\x1b\\[31m")]
    public void EscapeCell(string text, string expected)
    {
        Assert.That(MarkdownReporter.EscapeCell(text), Is.EqualTo(expected));
    }

    [Test]
    public void Text_ColoursOnlyTheSeverityWord_WhenAsked()
    {
        var error = Make("t.yaml", RepeatingAnalyzer.Rule, "e");
        var warning = Make("t.yaml", FunctionAnalyzer.Rule, "w");
        var note = Make("t.yaml", LedgerAnalyzer.Rule, "n");

        Assert.Multiple(() =>
        {
            Assert.That(TextReporter.FormatLine(error, color: true), Is.EqualTo("t.yaml(2,3): \u001b[1;31merror\u001b[0m PL1902: e"));
            Assert.That(TextReporter.FormatLine(warning, color: true), Is.EqualTo("t.yaml(2,3): \u001b[33mwarning\u001b[0m PL1901: w"));
            Assert.That(TextReporter.FormatLine(note, color: true), Is.EqualTo("t.yaml(2,3): \u001b[36minfo\u001b[0m PL3901: n"));
            Assert.That(TextReporter.FormatLine(note), Is.EqualTo("t.yaml(2,3): info PL3901: n"));
        });
    }
}
