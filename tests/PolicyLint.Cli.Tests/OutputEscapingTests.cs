using NUnit.Framework;
using PolicyLint.Core.Reporting;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary>Values from the user's files (a function name, a file name, a justification) can neither forge a line of
/// output (a GitHub workflow command such as <c>::error</c> or <c>::add-mask::</c>) nor reach a terminal as an escape
/// sequence or a bidirectional override: every human-readable format escapes them (<see cref="DisplayText"/>).</summary>
public sealed class OutputEscapingTests
{
    /// <summary>A line break and a forged workflow command, OSC 52 (clipboard write) ended by BEL, CSI, NEL, a line
    /// separator and a right-to-left override.</summary>
    private const string Evil = "evil\r\n::add-mask::x\n::error file=README.md,line=1::forged\u001b]52;c;ZXZpbA==\u0007\u009b2J\u0085\u2028\u202e";

    private const string EvilEscaped = @"evil\r\n::add-mask::x\n::error file=README.md,line=1::forged\x1b]52;c;ZXZpbA==\x07\x9b2J\x85\u2028\u202e";

    private static TemporaryRepository Repository()
    {
        var repository = new TemporaryRepository();
        var yamlName = Evil.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\u001b", "\\e", StringComparison.Ordinal).Replace("\u0007", "\\a", StringComparison.Ordinal)
            .Replace("\u009b", "\\x9b", StringComparison.Ordinal).Replace("\u0085", "\\N", StringComparison.Ordinal)
            .Replace("\u2028", "\\L", StringComparison.Ordinal).Replace("\u202e", "\\u202e", StringComparison.Ordinal);
        repository.Write("bad\n::warning::name\u001b[31m.yaml", $$"""
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  FunctionName: "{{yamlName}}"
                  Tags: { InspectorExclusion: LambdaStandardScanning }
            """);
        return repository;
    }

    [TestCase("text")]
    [TestCase("gnu")]
    [TestCase("github")]
    [TestCase("markdown")]
    public void ControlCharacters_InValuesAndFileNames_AreEscaped_OneResultPerLine(string format)
    {
        using var repository = Repository();

        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--format", format);

        var lines = run.Stdout.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(run.Stdout.Where(c => c != '\n' && DisplayText.NeedsEscape(c)), Is.Empty, "no control character but the line ends");
            Assert.That(lines.Where(l => l.StartsWith("::add-mask", StringComparison.Ordinal) || l.StartsWith("::error file=README", StringComparison.Ordinal) || l.StartsWith("::warning::", StringComparison.Ordinal)), Is.Empty, "no forged command");
            var result = lines.Single(l => l.Contains("PL1001", StringComparison.Ordinal));
            switch (format)
            {
                case "text":
                    Assert.That(result, Does.StartWith(@"bad\n::warning::name\x1b[31m.yaml(6,15): error PL1001: Function 'Api' (deployed as '" + EvilEscaped + "')"));
                    break;
                case "gnu":
                    Assert.That(result, Does.StartWith(@"bad\n::warning::name\x1b[31m.yaml:6:15: error: Function 'Api' (deployed as '" + EvilEscaped + "')"));
                    break;
                case "github":
                    Assert.That(result, Does.StartWith(@"::error file=bad%0A%3A%3Awarning%3A%3Aname\x1b[31m.yaml,line=6,col=15,endLine=6,endColumn=33,title=PL1001::Function 'Api' (deployed as 'evil%0D%0A::add-mask::x%0A::error file=README.md,line=1::forged\x1b]52;c;ZXZpbA==\x07\x9b2J\x85\u2028\u202e')"));
                    break;
                default:
                    Assert.That(result, Does.Contain(@"| error | [PL1001]").And.Contain(@"(deployed as '" + EvilEscaped.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("]", @"\]", StringComparison.Ordinal) + "')"));
                    break;
            }
        });
    }

    [Test]
    public void JsonAndSarif_CarryTheExactText()
    {
        using var repository = Repository();

        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--format", "json");

        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var result = json.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "PL1001");
        Assert.That(result.GetProperty("message").GetString(), Does.Contain($"(deployed as '{Evil}')"));
        Assert.That(result.GetProperty("path").GetString(), Is.EqualTo("bad\n::warning::name\u001b[31m.yaml"));
    }

    [Test]
    public void StandardErrorNotes_AreEscaped()
    {
        using var repository = Repository();

        var run = CliRunner.Run(repository.Root, "--today", CliRunner.Today, "--parameter", "A\n::error::x\u001b]0;t\u0007=1");

        Assert.That(run.Stderr, Is.EqualTo(@"policylint: warning: --parameter 'A\n::error::x\x1b]0;t\x07': no analyzed template declares a parameter 'A\n::error::x\x1b]0;t\x07', so its value is not used" + "\n"));
    }

    [TestCase("plain text", ExpectedResult = "plain text")]
    [TestCase("tab\there", ExpectedResult = @"tab\there")]
    [TestCase("\u0000\u001f\u007f\u0080\u009f", ExpectedResult = @"\x00\x1f\x7f\x80\x9f")]
    [TestCase("\u061c\u200e\u200f\u202a\u202e\u2066\u2069\u2028\u2029", ExpectedResult = @"\u061c\u200e\u200f\u202a\u202e\u2066\u2069\u2028\u2029")]
    [TestCase("é 😀 \u00a0 \u200b", ExpectedResult = "é 😀 \u00a0 \u200b")]
    [TestCase(@"a\nb", ExpectedResult = @"a\nb")]
    public string DisplayText_EscapesControlsBidiAndSeparators_AndNothingElse(string text) => DisplayText.Escape(text);

    [Test]
    public void DisplayText_EscapesUnpairedSurrogates()
    {
        // Built at run time: an attribute argument cannot hold an unpaired surrogate (metadata stores it as UTF-8).
        var text = "lone " + (char)0xD800 + " and " + (char)0xDC00 + " end " + (char)0xD83D;

        Assert.That(DisplayText.Escape(text), Is.EqualTo(@"lone \ud800 and \udc00 end \ud83d"));
    }
}
