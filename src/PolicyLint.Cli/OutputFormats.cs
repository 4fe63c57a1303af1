using System.Text;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Reporting;

namespace PolicyLint.Cli;

/// <summary>The lint output formats (<c>--format</c>) and how each is written.</summary>
internal static class OutputFormats
{
    /// <summary>Every format name, the default first.</summary>
    public static readonly string[] Names = ["text", "gnu", "github", "markdown", "sarif", "json"];

    /// <summary>Writes <paramref name="format"/> to <paramref name="stream"/> (UTF-8 without BOM, LF line ends).
    /// Only <c>text</c> is ever coloured, and only when <paramref name="color"/> is set; <paramref name="markdownLinkBase"/>
    /// is <c>--markdown-link-base</c> (absolute links in <c>markdown</c>).</summary>
    public static void Write(string format, RunResult run, SarifOptions sarifOptions, bool showSuppressed, bool color, Stream stream, string? markdownLinkBase = null)
    {
        switch (format)
        {
            case "sarif":
                SarifReporter.Write(SarifReporter.Build(run, sarifOptions), stream);
                return;
            case "json":
                JsonReporter.Write(run, stream, sarifOptions.Tool);
                return;
        }

        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        switch (format)
        {
            case "gnu":
                GnuReporter.Write(run, writer, showSuppressed);
                break;
            case "github":
                GitHubReporter.Write(run, writer, showSuppressed);
                break;
            case "markdown":
                MarkdownReporter.Write(run, writer, showSuppressed, markdownLinkBase);
                break;
            default:
                TextReporter.Write(run, writer, showSuppressed, color);
                break;
        }
    }
}
