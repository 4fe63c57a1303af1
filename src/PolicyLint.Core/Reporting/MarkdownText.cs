using System.Text;
using System.Text.RegularExpressions;

namespace PolicyLint.Core.Reporting;

/// <summary>Turns a rule page's markdown into plain text for SARIF <c>help.text</c> and terminals.</summary>
public static partial class MarkdownText
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
}
