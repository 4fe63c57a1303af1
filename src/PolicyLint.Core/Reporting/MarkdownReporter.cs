using System.Globalization;
using System.Text;
using PolicyLint.Core.Analysis;

namespace PolicyLint.Core.Reporting;

/// <summary>
/// <c>--format markdown</c>: a summary for <c>$GITHUB_STEP_SUMMARY</c> or a pull-request comment (GitHub Flavored
/// Markdown): a heading, a table of counts per severity, then a table of the results in report order, each with its
/// rule (linked to the rule's page) and its location (linked relative to the root, <c>path#L12</c>, or under a link
/// base such as <c>https://github.com/OWNER/REPO/blob/SHA/</c>, where a relative link does not resolve: a job summary).
/// </summary>
public sealed class MarkdownReporter : IReporter
{
    /// <inheritdoc/>
    public void Write(RunResult run, ReportSettings settings, Stream stream)
    {
        using var writer = ReportStreams.Writer(stream);
        Write(run, writer, settings.ShowSuppressed, settings.MarkdownLinkBase, settings.PathPrefix);
    }

    /// <summary>Writes the summary (LF line ends). Suppressed results are counted; they are listed only with
    /// <paramref name="showSuppressed"/>, marked <c>[suppressed: justification]</c>. <paramref name="linkBase"/>, when
    /// given, is an absolute URL that each location's root-relative path (percent-encoded) is appended to (a <c>/</c>
    /// is added between them when missing); without it the links are relative.</summary>
    public static void Write(RunResult run, TextWriter writer, bool showSuppressed = false, string? linkBase = null) =>
        Write(run, writer, showSuppressed, linkBase, string.Empty);

    /// <summary>As <see cref="Write(RunResult, TextWriter, bool, string?)"/>, each location (its text and its link)
    /// after <paramref name="pathPrefix"/> (<see cref="ReportSettings.PathPrefix"/>).</summary>
    internal static void Write(RunResult run, TextWriter writer, bool showSuppressed, string? linkBase, string pathPrefix)
    {
        var counts = ReportText.Count(run);
        var sb = new StringBuilder();
        sb.Append("## PolicyLint\n\n");
        sb.Append("| errors | warnings | notes | suppressed | files |\n");
        sb.Append("|---:|---:|---:|---:|---:|\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"| {counts.Errors} | {counts.Warnings} | {counts.Notes} | {counts.Suppressed} | {counts.Files} |\n\n");

        var listed = run.Shown(showSuppressed).ToList();
        if (listed.Count == 0)
        {
            sb.Append("No results.\n");
            writer.Write(sb.ToString());
            return;
        }

        sb.Append("| severity | rule | location | message |\n");
        sb.Append("|---|---|---|---|\n");
        foreach (var d in listed)
        {
            var start = d.Location.Start;
            var path = ReportSettings.Prefixed(pathPrefix, d.Location.Path);
            var place = string.Create(CultureInfo.InvariantCulture, $"{path}({start.Line},{start.Column})");
            var link = string.Create(CultureInfo.InvariantCulture, $"{Prefix(linkBase)}{SarifReporter.EncodeUri(path)}#L{start.Line}");
            var message = d.Message + ReportText.SuppressionSuffix(d, escape: false);
            sb.Append(CultureInfo.InvariantCulture,
                $"| {ReportText.Level(d.Severity)} | [{d.Id}]({d.Descriptor.HelpUri}) | [{EscapeCell(place)}]({link}) | {EscapeCell(message)} |\n");
        }

        writer.Write(sb.ToString());
    }

    private static string Prefix(string? linkBase) =>
        string.IsNullOrEmpty(linkBase) ? string.Empty : linkBase.EndsWith('/') ? linkBase : linkBase + "/";

    /// <summary>Text for a table cell: control characters written as <see cref="DisplayText"/> escapes (a line break
    /// as <c>\n</c>), then Markdown punctuation that could start emphasis, code, links or HTML, the cell separator
    /// <c>|</c> and the backslash itself backslash-escaped.</summary>
    public static string EscapeCell(string text)
    {
        text = DisplayText.Escape(text);
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '|' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '~' or '&')
                sb.Append('\\');
            sb.Append(c);
        }

        return sb.ToString();
    }
}
