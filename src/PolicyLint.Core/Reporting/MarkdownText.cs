using System.Text;

namespace PolicyLint.Core.Reporting;

/// <summary>Turns a rule page's markdown into plain text for SARIF <c>help.text</c> and terminals.</summary>
public static class MarkdownText
{
    /// <summary>
    /// Plain text: heading markers, emphasis and inline-code backticks removed, links written <c>text (url)</c>,
    /// fenced code indented by four spaces, table rows kept with their cells separated by two spaces; LF line ends.
    /// </summary>
    public static string ToPlainText(string markdown)
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

            if (IsTableSeparator(line))
                continue;
            if (line.StartsWith('|'))
                line = string.Join("  ", line.Trim('|').Split('|').Select(c => c.Trim()));
            line = RemoveHeadingMarker(line);
            line = WriteLinks(line);
            line = line.Replace("**", string.Empty, StringComparison.Ordinal).Replace("`", string.Empty, StringComparison.Ordinal);
            sb.Append(line).Append('\n');
        }

        return sb.ToString().TrimEnd('\n') + "\n";
    }

    // The three rules below are written out rather than as regular expressions: Regex.Replace's generic helpers are
    // in no ReadyToRun image and were JIT-compiled at every run that wrote SARIF (issue 15). MarkdownTextTests checks
    // them against the expressions they stand for. \s is char.IsWhiteSpace's set.

    // ^\|?\s*:?-{3,}
    private static bool IsTableSeparator(string line)
    {
        var i = 0;
        if (i < line.Length && line[i] == '|')
            i++;
        while (i < line.Length && char.IsWhiteSpace(line[i]))
            i++;
        if (i < line.Length && line[i] == ':')
            i++;
        var dashes = 0;
        while (i < line.Length && line[i] == '-')
        {
            dashes++;
            i++;
        }

        return dashes >= 3;
    }

    // ^#{1,6}\s+ removed.
    private static string RemoveHeadingMarker(string line)
    {
        var marks = 0;
        while (marks < line.Length && line[marks] == '#')
            marks++;
        if (marks is < 1 or > 6 || marks == line.Length || !char.IsWhiteSpace(line[marks]))
            return line;
        var end = marks;
        while (end < line.Length && char.IsWhiteSpace(line[end]))
            end++;
        return line[end..];
    }

    // \[([^\]]+)\]\(([^)]+)\) replaced by "$1 ($2)", left to right.
    private static string WriteLinks(string line)
    {
        var open = line.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
            return line;
        StringBuilder? sb = null;
        var copied = 0;
        while (open >= 0)
        {
            // The text runs to the first ']' (it may hold '['), the address from the '(' right after it to the first ')'.
            var close = line.IndexOf(']', open + 1);
            if (close > open + 1 && close + 1 < line.Length && line[close + 1] == '(')
            {
                var end = line.IndexOf(')', close + 2);
                if (end > close + 2)
                {
                    sb ??= new StringBuilder(line.Length);
                    sb.Append(line, copied, open - copied)
                        .Append(line, open + 1, close - open - 1)
                        .Append(" (")
                        .Append(line, close + 2, end - close - 2)
                        .Append(')');
                    copied = end + 1;
                    open = line.IndexOf('[', copied);
                    continue;
                }
            }

            open = line.IndexOf('[', open + 1);
        }

        return sb is null ? line : sb.Append(line, copied, line.Length - copied).ToString();
    }
}
