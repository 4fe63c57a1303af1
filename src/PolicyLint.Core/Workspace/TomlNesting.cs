namespace PolicyLint.Core.Workspace;

/// <summary>
/// How deeply a TOML text nests arrays and inline tables, found without parsing it: brackets and braces are counted
/// outside comments and the four kinds of string (basic, literal, and their multi-line forms), so that a text too deep
/// for the TOML parser is reported instead of being handed to it (see <see cref="SamConfig.TomlMaxDepth"/>).
/// </summary>
/// <remarks>Table headers (<c>[env.deploy]</c>, <c>[[x]]</c>) count as one or two levels on their own line, which can
/// only make the count higher than the parser's, never lower. Source: TOML 1.0.0, "Comment", "String", "Array",
/// "Inline Table".</remarks>
internal static class TomlNesting
{
    /// <summary>The UTF-16 offset of the first <c>[</c> or <c>{</c> that opens a level deeper than
    /// <paramref name="maxDepth"/>; null when the text stays within it. Linear in the length of the text.</summary>
    public static int? FirstBeyond(string text, int maxDepth)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '#':
                    while (i < text.Length && text[i] != '\n')
                        i++;
                    break;
                case '"' or '\'':
                    i = SkipString(text, i);
                    break;
                case '[' or '{':
                    if (++depth > maxDepth)
                        return i;
                    break;
                case ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return null;
    }

    /// <summary>The offset of the last character of the string that opens at <paramref name="start"/> (its closing
    /// quote, or the character before the line break or the end of text where an unterminated one stops).</summary>
    private static int SkipString(string text, int start)
    {
        var quote = text[start];
        var escapes = quote == '"';
        if (IsTriple(text, start, quote))
        {
            for (var i = start + 3; i < text.Length; i++)
            {
                if (escapes && text[i] == '\\')
                    i++;
                else if (IsTriple(text, i, quote))
                {
                    // Up to two more quotes may end the content itself (""""" closes after content ending in "").
                    var end = i + 2;
                    while (end + 1 < text.Length && text[end + 1] == quote && end - i < 4)
                        end++;
                    return end;
                }
            }

            return text.Length - 1;
        }

        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\n')
                return i - 1;
            if (escapes && text[i] == '\\')
                i++;
            else if (text[i] == quote)
                return i;
        }

        return text.Length - 1;
    }

    /// <summary>Whether three <paramref name="quote"/> characters start at <paramref name="at"/>: compared one by one,
    /// as <c>new string(quote, 3)</c> and <c>string.CompareOrdinal</c> were vectorized framework methods that the
    /// ReadyToRun tool JIT-compiled at every start with a samconfig.toml (issue 15).</summary>
    private static bool IsTriple(string text, int at, char quote) =>
        at + 2 < text.Length && text[at] == quote && text[at + 1] == quote && text[at + 2] == quote;
}
