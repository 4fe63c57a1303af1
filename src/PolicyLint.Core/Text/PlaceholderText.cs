using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PolicyLint.Core.Text;

/// <summary>
/// What a person wrote in place of a reason, an approval or a justification without giving one: <c>TODO</c>,
/// <c>N/A</c>, <c>&lt;approver&gt;</c>, <c>-</c>. A placeholder is not an approval (README, "The ledger"): the rule
/// pack's PL3004 takes <see cref="DefaultPattern"/> as the default of its option for ledger fields, and an in-source
/// suppression whose justification is a placeholder is invalid (docs/conventions.md#c14).
/// </summary>
public static partial class PlaceholderText
{
    /// <summary>A value that is <c>TODO</c>, <c>TBD</c>, <c>TBC</c>, <c>TBA</c>, <c>FIXME</c> or <c>XXX</c> (or more x's), or
    /// starts with one of them as a word (followed by anything but a letter, digit, <c>_</c> or <c>-</c>:
    /// <c>TODO: who approved</c> is a placeholder, the ticket <c>TODO-123</c> and the team <c>todoist</c> are not); or
    /// is, as the whole value, <c>N/A</c>, <c>NA</c>, <c>nil</c>, <c>T.B.D.</c>, <c>T.O.D.O.</c>, <c>to be decided</c>
    /// (determined, confirmed, done), <c>x</c>, <c>pending</c>, <c>WIP</c>, <c>none</c>,
    /// <c>nobody</c>, <c>someone</c>, <c>unknown</c>, <c>to do</c>, or a YAML word (<c>yes</c>, <c>no</c>,
    /// <c>true</c>, <c>false</c>, <c>null</c>: scalars are kept as written); or is one <c>&lt;…&gt;</c>
    /// (<c>&lt;approver&gt;</c>); or holds only punctuation and symbols (<c>-</c>, <c>?</c>, <c>...</c>).
    /// Case-insensitive (<see cref="RegexOptions.IgnoreCase"/>), leading and trailing white space ignored; match it
    /// against <see cref="Fold"/> of the value. No lookarounds, so that it also runs under
    /// <see cref="RegexOptions.NonBacktracking"/>; anchored at the start and linear in the value.</summary>
    public const string DefaultPattern = @"^\s*(?:(?:TODO|TBD|TBC|TBA|FIXME|XXX+)(?:[^\w-]|$)|(?:N/A|N\.A\.?|NA|NIL|T\.B\.[DCA]\.?|T\.O\.D\.O\.?|X+|TO DO|TO BE (?:DECIDED|DETERMINED|CONFIRMED|DONE)|PENDING|WIP|NONE|NOBODY|SOMEONE|UNKNOWN|CHANGE ?ME|YES|NO|TRUE|FALSE|NULL)\s*$|<[^<>]*>\s*$|[\p{P}\p{S}]+\s*$)";

    /// <summary><see cref="DefaultPattern"/>, built at compile time, case-insensitive and culture-invariant: the default
    /// of PL3004's option, built only when it is read (building any regular expression sets up search tables that
    /// cost more at start-up than a short run's matching).</summary>
    [GeneratedRegex(DefaultPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex DefaultRegex();

    /// <summary>Whether <paramref name="text"/>, folded (<see cref="Fold"/>), matches <see cref="DefaultPattern"/>,
    /// decided by code that matches exactly what the pattern matches (DefaultPlaceholderTests) and builds no regular
    /// expression. Null, empty and white space are not placeholders here: callers report a missing value as
    /// missing.</summary>
    public static bool IsPlaceholder(string? text) =>
        !string.IsNullOrWhiteSpace(text) && DefaultPlaceholder.IsMatch(Fold(text));

    /// <summary>
    /// <paramref name="text"/> with what hides a placeholder from a pattern undone: full-width forms (U+FF01–U+FF5E,
    /// typed by an input method: <c>ＴＯＤＯ</c>, <c>Ｎ／Ａ</c>) become their ASCII characters, the ideographic space
    /// (U+3000) a space, and invisible format characters (Unicode category Cf: zero-width space and joiners, the
    /// byte order mark, bidirectional controls) are removed; then a value wholly inside one pair of brackets or quotes
    /// (<c>[TODO]</c>, <c>"TBD"</c>, <c>(n/a)</c>) is read without them, and an unfilled template variable
    /// (<c>{{approver}}</c>, <c>${approver}</c>, <c>&lt;&lt;approver&gt;&gt;</c>, <c>$APPROVER</c>, <c>%approver%</c>) as
    /// <c>&lt;approver&gt;</c>; typographic quotes and guillemets count as quotes (<c>«TODO»</c>, <c>„TODO“</c>);
    /// Cyrillic and Greek letters drawn like Latin capitals (<c>ТОDО</c>) and mathematical bold, italic and other styled
    /// letters (<c>𝐓𝐎𝐃𝐎</c>) are read as plain ones; and full stops, exclamation and question marks at the end are
    /// dropped (<c>n/a.</c>) unless only punctuation would remain. The same string when there is nothing to fold. Unicode
    /// normalization (NFKC) would cover more, but the tool runs with invariant globalization, where
    /// <see cref="string.Normalize(NormalizationForm)"/> leaves non-ASCII text as it is.
    /// </summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = FoldCharacters(text);
        var unwrapped = TrimSentenceEnd(Unwrap(folded));
        return unwrapped.SequenceEqual(folded) ? folded : unwrapped.ToString();
    }

    /// <summary>A value wholly inside one pair of brackets or quotes, read without them, repeatedly and with the white
    /// space inside trimmed: <c>[TODO]</c>, <c>"TBD"</c>, <c>(n/a)</c>, <c>'(none)'</c>. Angle brackets stay: the
    /// pattern takes <c>&lt;approver&gt;</c> as it is. A template variable left unfilled (<see cref="TemplateVariable"/>)
    /// is read as that angle-bracket form.</summary>
    private static ReadOnlySpan<char> Unwrap(string text)
    {
        var value = text.AsSpan().Trim();
        if (TemplateVariable(value) is { } variable)
            return variable;
        while (value.Length >= 2 && Closes(value[0], value[^1]))
        {
            var inside = value[1..^1].Trim();
            if (inside.IsEmpty)
                break; // "()" is a placeholder as it is: punctuation alone
            if (TemplateVariable(inside) is { } quoted)
                return quoted; // "{{approver}}"
            value = inside;
        }

        return value.Length == text.AsSpan().Trim().Length ? text : value;
    }

    /// <summary>Without the full stops, exclamation and question marks that end it (<c>n/a.</c>, <c>TBD!</c>), unless
    /// nothing but punctuation would remain (<c>...</c> and <c>?</c> are placeholders as they are).</summary>
    private static ReadOnlySpan<char> TrimSentenceEnd(ReadOnlySpan<char> value)
    {
        var trimmed = value.TrimEnd(".!?");
        foreach (var c in trimmed)
        {
            if (char.IsLetterOrDigit(c))
                return trimmed.TrimEnd();
        }

        return value;
    }

    /// <summary><c>&lt;name&gt;</c> for a value that is wholly <c>{{name}}</c>, <c>${name}</c> or
    /// <c>&lt;&lt;name&gt;&gt;</c> with a name of no braces or angle brackets, or <c>$name</c> or <c>%name%</c> with a
    /// shell or batch variable name; else null.</summary>
    private static string? TemplateVariable(ReadOnlySpan<char> value)
    {
        if (value.Length > 1 && value[0] == '$' && IsIdentifier(value[1..]))
            return $"<{value[1..]}>"; // $APPROVER
        if (value.Length > 2 && value[0] == '%' && value[^1] == '%' && IsIdentifier(value[1..^1]))
            return $"<{value[1..^1]}>"; // %approver%
        ReadOnlySpan<char> name =
            value.Length > 4 && value.StartsWith("{{") && value.EndsWith("}}") ? value[2..^2]
            : value.Length > 4 && value.StartsWith("<<") && value.EndsWith(">>") ? value[2..^2]
            : value.Length > 3 && value.StartsWith("${") && value.EndsWith("}") ? value[2..^1]
            : default;
        name = name.Trim();
        return name.IsEmpty || name.IndexOfAny("{}<>") >= 0 ? null : $"<{name}>";
    }

    /// <summary>A shell or batch variable name: an ASCII letter or <c>_</c>, then letters, digits and <c>_</c>.</summary>
    private static bool IsIdentifier(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
            return false;
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
                return false;
        }

        return true;
    }

    /// <summary>Whether <paramref name="open"/> and <paramref name="close"/> are a pair of brackets or quotes, the
    /// typographic ones included (<c>«TODO»</c>, <c>„TODO“</c>, <c>“TODO”</c>, <c>「TODO」</c>).</summary>
    private static bool Closes(char open, char close) => open switch
    {
        '[' => close == ']',
        '(' => close == ')',
        '{' => close == '}',
        '"' or '\'' or '`' => close == open,
        '\u00AB' => close == '\u00BB', // « »
        '\u00BB' => close == '\u00AB', // » « (Danish, Swedish)
        '\u2039' => close == '\u203A', // ‹ ›
        '\u201C' => close is '\u201D' or '\u201C', // “ ” (and “ “)
        '\u201E' => close is '\u201C' or '\u201D', // „ “ (German) or „ ” (Polish)
        '\u2018' => close is '\u2019' or '\u2018', // ‘ ’
        '\u201A' => close is '\u2018' or '\u2019', // ‚ ‘
        '\u300C' => close == '\u300D', // 「 」
        '\u300E' => close == '\u300F', // 『 』
        _ => false,
    };

    private static string FoldCharacters(string text)
    {
        var i = 0;
        while (i < text.Length && !NeedsFolding(text[i]))
            i++;
        if (i == text.Length)
            return text;
        var folded = new StringBuilder(text.Length);
        folded.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\uFF01' and <= '\uFF5E')
                folded.Append((char)(c - 0xFEE0));
            else if (MathematicalAlphanumeric(text, i) is var plain and not '\0')
            {
                folded.Append(plain); // 𝐓𝐎𝐃𝐎: one surrogate pair a letter
                i++;
            }
            else if (LatinLookAlike(c) is var latin and not '\0')
                folded.Append(latin);
            else if (c == '\u3000')
                folded.Append(' ');
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
                folded.Append(c);
        }

        return folded.ToString();
    }

    private static bool NeedsFolding(char c) =>
        c >= '\u00AD' && (c is >= '\uFF01' and <= '\uFF5E' || c == '\u3000' || c == MathematicalHighSurrogate || LatinLookAlike(c) != '\0'
            || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);

    /// <summary>The high surrogate of the Mathematical Alphanumeric Symbols block (U+1D400–U+1D7FF).</summary>
    private const char MathematicalHighSurrogate = '\uD835';

    /// <summary>The ASCII letter or digit that the surrogate pair at <paramref name="i"/> styles (bold, italic, script,
    /// double-struck… <c>𝐓</c> is T), else <c>'\0'</c>. Letters come in runs of 52 (A–Z, a–z) per style from U+1D400 to
    /// U+1D6A3, digits in runs of 10 from U+1D7CE to U+1D7FF (Unicode's Mathematical Alphanumeric Symbols chart).</summary>
    private static char MathematicalAlphanumeric(string text, int i)
    {
        if (text[i] != MathematicalHighSurrogate || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
            return '\0';
        var code = char.ConvertToUtf32(text[i], text[i + 1]);
        if (code is >= 0x1D400 and <= 0x1D6A3)
        {
            var letter = (code - 0x1D400) % 52;
            return (char)(letter < 26 ? 'A' + letter : 'a' + letter - 26);
        }

        return code is >= 0x1D7CE and <= 0x1D7FF ? (char)('0' + (code - 0x1D7CE) % 10) : '\0';
    }

    /// <summary>The Latin capital a Cyrillic or Greek letter is drawn like (<c>ТОDО</c> with Cyrillic Т and О reads as
    /// TODO), else <c>'\0'</c>. Upper case is enough: the pattern ignores case. The pairs are from Unicode's
    /// https://www.unicode.org/Public/security/latest/confusables.txt.</summary>
    private static char LatinLookAlike(char c) => c switch
    {
        '\u0410' or '\u0430' or '\u0391' or '\u03B1' => 'A',
        '\u0412' or '\u0432' or '\u0392' => 'B',
        '\u0421' or '\u0441' => 'C',
        '\u0415' or '\u0435' or '\u0395' => 'E',
        '\u041D' or '\u043D' or '\u0397' => 'H',
        '\u0406' or '\u0456' or '\u0399' => 'I',
        '\u041A' or '\u043A' or '\u039A' => 'K',
        '\u041C' or '\u043C' or '\u039C' => 'M',
        '\u039D' => 'N',
        '\u041E' or '\u043E' or '\u039F' or '\u03BF' => 'O',
        '\u0420' or '\u0440' or '\u03A1' => 'P',
        '\u0405' or '\u0455' => 'S',
        '\u0422' or '\u0442' or '\u03A4' => 'T',
        '\u0425' or '\u0445' or '\u03A7' => 'X',
        '\u0423' or '\u0443' or '\u03A5' => 'Y',
        _ => '\0',
    };
}
