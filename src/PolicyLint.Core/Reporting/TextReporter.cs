using System.Globalization;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Reporting;

/// <summary>
/// Compiler-style text (docs/conventions.md#c19): one line per result, <c>path(line,col): severity ID: message</c>, the MSBuild canonical
/// form that VS Code's <c>$msCompile</c> problem matcher and Visual Studio read; notes print as <c>info</c>. Then one
/// summary line that does not match that form. Control characters of paths, messages and justifications are escaped
/// (<see cref="DisplayText"/>), so one result is always one line.
/// </summary>
public sealed class TextReporter : IReporter
{
    /// <inheritdoc/>
    public void Write(RunResult run, ReportSettings settings, Stream stream)
    {
        using var writer = ReportStreams.Writer(stream);
        Write(run, writer, settings.ShowSuppressed, settings.Color, settings.PathPrefix);
    }

    /// <summary>Writes the results and the summary line. Suppressed results are written only when
    /// <paramref name="showSuppressed"/> is set, and then marked. With <paramref name="color"/>, the severity words
    /// carry ANSI colours (for a terminal; the caller decides).</summary>
    public static void Write(RunResult run, TextWriter writer, bool showSuppressed = false, bool color = false) =>
        Write(run, writer, showSuppressed, color, string.Empty);

    /// <summary>As <see cref="Write(RunResult, TextWriter, bool, bool)"/>, each path after <paramref name="pathPrefix"/>
    /// (<see cref="ReportSettings.PathPrefix"/>).</summary>
    internal static void Write(RunResult run, TextWriter writer, bool showSuppressed, bool color, string pathPrefix)
    {
        foreach (var diagnostic in run.Shown(showSuppressed))
        {
            writer.Write(FormatLine(diagnostic, color, pathPrefix));
            writer.Write('\n');
        }

        writer.Write(ReportText.Summary(run));
        writer.Write('\n');
    }

    /// <summary>One result line, without a line break; with <paramref name="color"/>, the severity word is
    /// wrapped in an ANSI colour (bold red error, yellow warning, cyan info) and a reset.</summary>
    public static string FormatLine(Diagnostic diagnostic, bool color = false) => FormatLine(diagnostic, color, string.Empty);

    /// <summary>As <see cref="FormatLine(Diagnostic, bool)"/>, the path after <paramref name="pathPrefix"/>.</summary>
    internal static string FormatLine(Diagnostic diagnostic, bool color, string pathPrefix)
    {
        var start = diagnostic.Location.Start;
        var suffix = ReportText.SuppressionSuffix(diagnostic, escape: true);
        var word = ReportText.SeverityWord(diagnostic.Severity);
        if (color)
            word = $"{ColorCode(diagnostic.Severity)}{word}{ResetCode}";
        return string.Create(CultureInfo.InvariantCulture, $"{DisplayText.Escape(ReportSettings.Prefixed(pathPrefix, diagnostic.Location.Path))}({start.Line},{start.Column}): {word} {diagnostic.Id}: {DisplayText.Escape(diagnostic.Message)}{suffix}");
    }

    /// <summary>The ANSI sequence that ends a coloured severity word.</summary>
    public const string ResetCode = "\u001b[0m";

    /// <summary>The ANSI colour of a severity word: bold red, yellow, cyan.</summary>
    public static string ColorCode(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "\u001b[1;31m",
        DiagnosticSeverity.Warning => "\u001b[33m",
        _ => "\u001b[36m",
    };
}
