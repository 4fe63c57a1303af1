using System.Globalization;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Reporting;

/// <summary>
/// <c>--format gnu</c>: one line per result, <c>path:line:column: severity: message [ID]</c>, the form of the GNU
/// Coding Standards ("Formatting Error Messages") that Emacs' compilation mode and Vim's quickfix list read.
/// Severities are <c>error</c>, <c>warning</c> and <c>note</c> (as GCC writes them). No summary line, so that every
/// line is a location. Control characters of paths, messages and justifications are escaped (<see cref="DisplayText"/>).
/// </summary>
public sealed class GnuReporter : IReporter
{
    /// <inheritdoc/>
    public void Write(RunResult run, ReportSettings settings, Stream stream)
    {
        using var writer = ReportStreams.Writer(stream);
        Write(run, writer, settings.ShowSuppressed, settings.PathPrefix);
    }

    /// <summary>Writes the result lines (LF line ends). Suppressed results only with
    /// <paramref name="showSuppressed"/>, marked <c>[suppressed: justification]</c>.</summary>
    public static void Write(RunResult run, TextWriter writer, bool showSuppressed = false) => Write(run, writer, showSuppressed, string.Empty);

    /// <summary>As <see cref="Write(RunResult, TextWriter, bool)"/>, each path after <paramref name="pathPrefix"/>
    /// (<see cref="ReportSettings.PathPrefix"/>).</summary>
    internal static void Write(RunResult run, TextWriter writer, bool showSuppressed, string pathPrefix)
    {
        foreach (var diagnostic in run.Shown(showSuppressed))
        {
            writer.Write(FormatLine(diagnostic, pathPrefix));
            writer.Write('\n');
        }
    }

    /// <summary>One result line, without a line break.</summary>
    public static string FormatLine(Diagnostic diagnostic) => FormatLine(diagnostic, string.Empty);

    /// <summary>As <see cref="FormatLine(Diagnostic)"/>, the path after <paramref name="pathPrefix"/>.</summary>
    internal static string FormatLine(Diagnostic diagnostic, string pathPrefix)
    {
        var start = diagnostic.Location.Start;
        var suffix = ReportText.SuppressionSuffix(diagnostic, escape: true);
        return string.Create(CultureInfo.InvariantCulture,
            $"{DisplayText.Escape(ReportSettings.Prefixed(pathPrefix, diagnostic.Location.Path))}:{start.Line}:{start.Column}: {ReportText.Level(diagnostic.Severity)}: {DisplayText.Escape(diagnostic.Message)} [{diagnostic.Id}]{suffix}");
    }
}
