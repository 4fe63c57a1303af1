namespace PolicyLint.Core.Text;

/// <summary>
/// <see cref="PlaceholderText.DefaultPattern"/> as plain code: true for exactly the values that pattern matches
/// (case-insensitively, culture-invariantly). <see cref="PlaceholderText.IsPlaceholder"/> uses it, for in-source
/// suppressions and for PL3004 when <c>PL3004.placeholder_pattern</c> is not configured: building any regular expression, a source-generated one
/// included, sets up search tables at every start of the tool that cost more than a short run's matching (issue 15).
/// DefaultPlaceholderTests compares the two on every UTF-16 code unit in each position that decides.
/// </summary>
/// <remarks>What the pattern's parts mean in .NET (the test checks each): <c>\s</c> is <see cref="char.IsWhiteSpace(char)"/>;
/// <c>\w</c> is the letter categories, <c>Mn</c>, <c>Nd</c> and <c>Pc</c>; <c>[\p{P}\p{S}]</c> is
/// <see cref="char.IsPunctuation(char)"/> or <see cref="char.IsSymbol(char)"/>; under culture-invariant case-insensitivity
/// an ASCII letter matches its other case only, and <c>K</c> also the Kelvin sign (U+212A).</remarks>
internal static class DefaultPlaceholder
{
    /// <summary>Markers that make a placeholder when the value starts with them as a word.</summary>
    private static readonly string[] Markers = ["TODO", "TBD", "TBC", "TBA", "FIXME"];

    /// <summary>Values that are a placeholder when they are the whole value (white space around them aside).</summary>
    private static readonly string[] WholeValues =
        ["N/A", "N.A", "N.A.", "NA", "NIL", "T.B.D", "T.B.D.", "T.B.C", "T.B.C.", "T.B.A", "T.B.A.", "T.O.D.O", "T.O.D.O.", "TO DO",
         "TO BE DECIDED", "TO BE DETERMINED", "TO BE CONFIRMED", "TO BE DONE", "PENDING", "WIP", "NONE", "NOBODY", "SOMEONE", "UNKNOWN", "CHANGEME", "CHANGE ME", "YES", "NO", "TRUE", "FALSE", "NULL"];

    /// <summary>Whether the default placeholder pattern matches <paramref name="text"/>.</summary>
    public static bool IsMatch(string text)
    {
        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
            start++;
        var rest = text.AsSpan(start);
        return StartsWithMarker(rest) || IsWholeValue(rest) || IsAngleBracketed(rest) || IsPunctuation(rest);
    }

    /// <summary><c>(?:TODO|TBD|TBC|TBA|FIXME|XXX+)(?:[^\w-]|$)</c>.</summary>
    private static bool StartsWithMarker(ReadOnlySpan<char> rest)
    {
        foreach (var marker in Markers)
        {
            if (StartsWith(rest, marker) && EndsWord(rest, marker.Length))
                return true;
        }

        var xs = LeadingXs(rest);
        return xs >= 3 && EndsWord(rest, xs);
    }

    /// <summary><c>(?:N/A|N\.A\.?|NA|NIL|T\.B\.[DCA]\.?|T\.O\.D\.O\.?|X+|TO DO|TO BE (?:DECIDED|…)|PENDING|…|CHANGE ?ME|…|NULL)\s*$</c>.</summary>
    private static bool IsWholeValue(ReadOnlySpan<char> rest)
    {
        foreach (var value in WholeValues)
        {
            if (StartsWith(rest, value) && IsWhiteSpace(rest[value.Length..]))
                return true;
        }

        var xs = LeadingXs(rest);
        return xs >= 1 && IsWhiteSpace(rest[xs..]);
    }

    /// <summary><c>&lt;[^&lt;&gt;]*&gt;\s*$</c>.</summary>
    private static bool IsAngleBracketed(ReadOnlySpan<char> rest)
    {
        if (rest.Length == 0 || rest[0] != '<')
            return false;
        var i = 1;
        while (i < rest.Length && rest[i] != '<' && rest[i] != '>')
            i++;
        return i < rest.Length && rest[i] == '>' && IsWhiteSpace(rest[(i + 1)..]);
    }

    /// <summary><c>[\p{P}\p{S}]+\s*$</c>.</summary>
    private static bool IsPunctuation(ReadOnlySpan<char> rest)
    {
        var i = 0;
        while (i < rest.Length && (char.IsPunctuation(rest[i]) || char.IsSymbol(rest[i])))
            i++;
        return i > 0 && IsWhiteSpace(rest[i..]);
    }

    /// <summary>The word ends at <paramref name="at"/>: the end, or a character that is neither <c>\w</c> nor <c>-</c>
    /// (a final line break, which <c>$</c> also allows, is such a character).</summary>
    private static bool EndsWord(ReadOnlySpan<char> rest, int at) => at == rest.Length || !(IsWordCharacter(rest[at]) || rest[at] == '-');

    private static bool IsWordCharacter(char c) => char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.UppercaseLetter
        or System.Globalization.UnicodeCategory.LowercaseLetter or System.Globalization.UnicodeCategory.TitlecaseLetter
        or System.Globalization.UnicodeCategory.ModifierLetter or System.Globalization.UnicodeCategory.OtherLetter
        or System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.DecimalDigitNumber
        or System.Globalization.UnicodeCategory.ConnectorPunctuation;

    private static bool IsWhiteSpace(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
                return false;
        }

        return true;
    }

    private static int LeadingXs(ReadOnlySpan<char> rest)
    {
        var i = 0;
        while (i < rest.Length && (rest[i] | 0x20) == 'x')
            i++;
        return i;
    }

    /// <summary><paramref name="rest"/> starts with <paramref name="upper"/> (upper-case ASCII letters and
    /// punctuation), case-insensitively as the pattern compares.</summary>
    private static bool StartsWith(ReadOnlySpan<char> rest, string upper)
    {
        if (rest.Length < upper.Length)
            return false;
        for (var i = 0; i < upper.Length; i++)
        {
            var (c, u) = (rest[i], upper[i]);
            if (c != u && !(u is >= 'A' and <= 'Z' && (c == u + 32 || (u == 'K' && c == '\u212A'))))
                return false;
        }

        return true;
    }
}
