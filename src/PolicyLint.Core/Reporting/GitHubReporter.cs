using System.Globalization;
using System.Text;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Reporting;

/// <summary>
/// <c>--format github</c>: GitHub Actions workflow commands, one per result, which the runner turns into annotations
/// on the pull request: <c>::error file=path,line=1,col=2,endLine=1,endColumn=9,title=PL1001::message</c>; warnings as
/// <c>::warning</c>, notes as <c>::notice</c>. Then the summary line of the text output, which is not a command.
/// </summary>
/// <remarks>Source: GitHub Docs, "Workflow commands for GitHub Actions" (setting an error, warning or notice
/// message); escaping as in actions/toolkit <c>packages/core/src/command.ts</c>: in the message <c>%</c>, CR and LF
/// become <c>%25</c>, <c>%0D</c>, <c>%0A</c>; in property values also <c>:</c> and <c>,</c> (<c>%3A</c>,
/// <c>%2C</c>). Other control characters (ESC, C1, bidirectional overrides) are escaped as <see cref="DisplayText"/> does,
/// in file names too.</remarks>
public sealed class GitHubReporter : IReporter
{
    /// <inheritdoc/>
    public void Write(RunResult run, ReportSettings settings, Stream stream)
    {
        using var writer = ReportStreams.Writer(stream);
        Write(run, writer, settings.ShowSuppressed, settings.PathPrefix);
    }

    /// <summary>Writes the commands and the summary line (LF line ends). Suppressed results only with
    /// <paramref name="showSuppressed"/>, marked <c>[suppressed: justification]</c>.</summary>
    public static void Write(RunResult run, TextWriter writer, bool showSuppressed = false) => Write(run, writer, showSuppressed, string.Empty);

    /// <summary>As <see cref="Write(RunResult, TextWriter, bool)"/>, each <c>file=</c> after <paramref name="pathPrefix"/>
    /// (<see cref="ReportSettings.PathPrefix"/>: GitHub resolves <c>file=</c> against the repository root).</summary>
    internal static void Write(RunResult run, TextWriter writer, bool showSuppressed, string pathPrefix)
    {
        foreach (var diagnostic in run.Shown(showSuppressed))
        {
            writer.Write(FormatLine(diagnostic, pathPrefix));
            writer.Write('\n');
        }

        writer.Write(ReportText.Summary(run));
        writer.Write('\n');
    }

    /// <summary>One workflow command, without a line break.</summary>
    public static string FormatLine(Diagnostic diagnostic) => FormatLine(diagnostic, string.Empty);

    /// <summary>As <see cref="FormatLine(Diagnostic)"/>, the file after <paramref name="pathPrefix"/>.</summary>
    internal static string FormatLine(Diagnostic diagnostic, string pathPrefix)
    {
        var location = diagnostic.Location;
        var command = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "notice",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"::{command} file={EscapeProperty(ReportSettings.Prefixed(pathPrefix, location.Path))},line={location.Start.Line},col={location.Start.Column},endLine={location.End.Line},endColumn={location.End.Column},title={EscapeProperty(diagnostic.Id)}::{EscapeData(diagnostic.Message + ReportText.SuppressionSuffix(diagnostic, escape: false))}");
    }

    /// <summary>Escapes a command's message: <c>%</c>, CR, LF as the runner decodes them; the other control characters
    /// as <see cref="DisplayText"/> writes them, so that the log that shows the command shows them too.</summary>
    public static string EscapeData(string text) =>
        new StringBuilder(DisplayText.Escape(text, keepLineBreaks: true)).Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A").ToString();

    /// <summary>Escapes a property value: as <see cref="EscapeData"/>, and <c>:</c> and <c>,</c>.</summary>
    public static string EscapeProperty(string text) =>
        new StringBuilder(EscapeData(text)).Replace(":", "%3A").Replace(",", "%2C").ToString();
}
