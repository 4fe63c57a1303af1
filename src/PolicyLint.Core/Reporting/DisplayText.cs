using System.Globalization;
using System.Text;

namespace PolicyLint.Core.Reporting;

/// <summary>
/// Text from the user's files (a logical ID, a function name, a tag value, a file name, a justification) made safe to
/// print where people read it: a terminal, a CI log, a GitHub Actions workflow command, a Markdown table. Every
/// character that could end a line, move the cursor, start a terminal escape sequence (ESC, CSI, OSC <c>ESC]52;…</c>,
/// which writes the clipboard of some terminals) or reorder what is shown (Trojan Source bidirectional overrides) is
/// written as a visible escape, so a value can neither forge an output line (<c>\n::error file=…::</c>,
/// <c>\n::add-mask::</c>) nor hide what it is.
/// </summary>
/// <remarks>
/// Escaped: C0 controls U+0000–U+001F as <c>\t</c>, <c>\n</c>, <c>\r</c> or <c>\xHH</c>; DEL U+007F and the C1
/// controls U+0080–U+009F (NEL U+0085 and CSI U+009B among them) as <c>\xHH</c>; the line and paragraph separators
/// U+2028 and U+2029, and the bidirectional formatting characters U+061C, U+200E, U+200F, U+202A–U+202E and
/// U+2066–U+2069 (Unicode Standard Annex #9, "Explicit Directional Formatting Characters"; CVE-2021-42574) as
/// <c>\uHHHH</c>; an unpaired surrogate as <c>\uHHHH</c>. A backslash is not doubled: the escapes are for reading, and
/// the JSON and SARIF outputs carry the exact text.
/// </remarks>
public static class DisplayText
{
    /// <summary>Whether <paramref name="c"/> is written as an escape (see the remarks of <see cref="DisplayText"/>).</summary>
    public static bool NeedsEscape(char c) =>
        c < 0x20 || c is >= '\u007f' and <= '\u009f' or '\u061c' or '\u200e' or '\u200f' or '\u2028' or '\u2029'
            or >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069';

    /// <summary><paramref name="text"/> with every character of <see cref="NeedsEscape"/> (and every unpaired surrogate)
    /// written as a visible escape; the same string when there is none. With <paramref name="keepLineBreaks"/>, CR and
    /// LF are left for the caller to escape its own way (GitHub's <c>%0D</c>, <c>%0A</c>).</summary>
    public static string Escape(string text, bool keepLineBreaks = false)
    {
        var i = 0;
        while (i < text.Length && !Special(text, i, keepLineBreaks))
            i += char.IsHighSurrogate(text[i]) ? 2 : 1;
        if (i == text.Length)
            return text;

        var sb = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (!Special(text, i, keepLineBreaks))
            {
                sb.Append(c);
                if (char.IsHighSurrogate(c))
                    sb.Append(text[++i]);
                continue;
            }

            switch (c)
            {
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                default:
                    sb.Append(c <= '\u00ff' ? "\\x" : "\\u").Append(((int)c).ToString(c <= '\u00ff' ? "x2" : "x4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        return sb.ToString();
    }

    private static bool Special(string text, int i, bool keepLineBreaks)
    {
        var c = text[i];
        if (keepLineBreaks && c is '\r' or '\n')
            return false;
        if (char.IsHighSurrogate(c))
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        return char.IsLowSurrogate(c) || NeedsEscape(c);
    }
}
