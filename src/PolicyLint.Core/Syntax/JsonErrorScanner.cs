using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Syntax;

/// <summary>
/// Finds and words the first JSON syntax error after the last token <see cref="System.Text.Json.Utf8JsonReader"/>
/// accepted. The reader's exception says only where it stopped, in words that are not a stable API and that name its
/// options; so the text is scanned again from the end of that token, knowing the open containers and what the grammar
/// expects next (RFC 8259). The reader fails within the next token, so the scan is short.
/// </summary>
/// <remarks>Positions follow docs/conventions.md#c2: the first character the parser cannot accept. A trailing comma is
/// located at the <c>}</c> or <c>]</c> after it (the message names the comma's position); an invalid literal or number
/// at its first character that no JSON literal or number can continue with (<c>nope</c> at the <c>o</c>, <c>01</c> at
/// the <c>1</c>, <c>tru</c> at the character after it); a comment, a single quote, or a token not allowed where it stands (a missing comma or colon, text
/// after the root value) at its first character; an invalid escape at its backslash; a control character or a line
/// break inside a string at that character; the end of the file just past its last character.</remarks>
internal sealed partial class JsonErrorScanner
{
    private const int MaxShown = 40;

    private readonly SourceText _source;
    private readonly string _text;
    private readonly List<Container> _stack;
    private Expect _expect;
    private int _rootEnd;
    private int _lastComma;
    private int _lastString;

    private JsonErrorScanner(SourceText source, IEnumerable<Container> openContainers, Expect expect, int rootEnd)
    {
        _source = source;
        _text = source.Text;
        _stack = [.. openContainers];
        _expect = expect;
        _rootEnd = rootEnd;
    }

    /// <summary>What the grammar accepts next.</summary>
    internal enum Expect
    {
        /// <summary>The root value (nothing read yet).</summary>
        RootValue,

        /// <summary>Nothing but white space: the root value is complete.</summary>
        End,

        /// <summary>After <c>{</c>: a property name or <c>}</c>.</summary>
        FirstKey,

        /// <summary>After <c>,</c> in an object: a property name.</summary>
        Key,

        /// <summary>After a property name: <c>:</c>.</summary>
        Colon,

        /// <summary>After <c>:</c>: the property's value.</summary>
        Value,

        /// <summary>After a property's value: <c>,</c> or <c>}</c>.</summary>
        AfterMember,

        /// <summary>After <c>[</c>: a value or <c>]</c>.</summary>
        FirstItem,

        /// <summary>After <c>,</c> in an array: a value.</summary>
        Item,

        /// <summary>After an array item: <c>,</c> or <c>]</c>.</summary>
        AfterItem,
    }

    /// <summary>An object or array that is open where the scan starts.</summary>
    /// <param name="IsObject">Whether it is an object (else an array).</param>
    /// <param name="Open">UTF-16 offset of its <c>{</c> or <c>[</c>.</param>
    /// <param name="Key">For an object, the last property name read in it (decoded); else null.</param>
    internal sealed record Container(bool IsObject, int Open, string? Key);

    /// <summary>The first syntax error at or after <paramref name="start"/>, or null when the text from there on is valid
    /// JSON (the reader and this scan disagree; the caller falls back to the reader's position).</summary>
    /// <param name="source">The whole text.</param>
    /// <param name="start">UTF-16 offset just past the last token the reader accepted (0 when none).</param>
    /// <param name="openContainers">The containers open at <paramref name="start"/>, outermost first.</param>
    /// <param name="expect">What the grammar accepts at <paramref name="start"/>.</param>
    public static (TextSpan Span, string Message)? Find(SourceText source, int start, IEnumerable<Container> openContainers, Expect expect) =>
        new JsonErrorScanner(source, openContainers, expect, start - 1).Scan(start);

    /// <summary>The first escape in the string token at <paramref name="quote"/> that is half of a UTF-16 surrogate pair
    /// without the other half (the reader accepts it, decoding it fails), as an error; null when there is none.</summary>
    public static (TextSpan Span, string Message)? FindLoneSurrogate(SourceText source, int quote)
    {
        var text = source.Text;
        var pendingHigh = -1;
        for (var i = quote + 1; i < text.Length && text[i] != '"'; i++)
        {
            if (text[i] != '\\')
            {
                if (pendingHigh >= 0)
                    break;
                continue;
            }

            var unit = i + 5 < text.Length && text[i + 1] == 'u'
                && int.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
                ? value
                : -1;
            if (pendingHigh >= 0 && unit is not (>= 0xDC00 and <= 0xDFFF))
                break;
            if (pendingHigh >= 0)
                pendingHigh = -1;
            else if (unit is >= 0xD800 and <= 0xDBFF)
                pendingHigh = i;
            else if (unit is >= 0xDC00 and <= 0xDFFF)
                return LoneSurrogate(source, i);
            i += unit >= 0 ? 5 : 1;
        }

        return pendingHigh >= 0 ? LoneSurrogate(source, pendingHigh) : null;
    }

    private static (TextSpan, string) LoneSurrogate(SourceText source, int backslash) =>
        (source.ErrorSpan(backslash),
            $"invalid escape sequence '{source.Text.Substring(backslash, 6)}' in a string: it is half of a UTF-16 surrogate pair, without the other half");

    private (TextSpan Span, string Message)? Scan(int i)
    {
        while (true)
        {
            i = SkipWhiteSpace(i);
            if (i >= _text.Length)
                return _expect == Expect.End ? null : EndOfFile();
            var c = _text[i];
            if (c == '/' && i + 1 < _text.Length && _text[i + 1] is '/' or '*')
                return Error(i, $"comments are not allowed in JSON (found '{_text.AsSpan(i, 2)}')");

            switch (_expect)
            {
                case Expect.End:
                    return Error(i, $"found {Found(i)} after the JSON value that ends at {Position(_rootEnd)} (a JSON file holds one value)");
                case Expect.FirstKey or Expect.Key:
                    if (c == '"')
                    {
                        if (ScanString(ref i) is { } error)
                            return error;
                        _stack[^1] = _stack[^1] with { Key = Shown(_text[_lastString..i], trimQuotes: true) };
                        _expect = Expect.Colon;
                        continue;
                    }

                    if (c == '}' && _expect == Expect.FirstKey)
                    {
                        i = Close(i);
                        continue;
                    }

                    if (c == '}')
                        return Error(i, $"trailing comma: the ',' at {Position(_lastComma)} is followed by '}}' instead of another property (JSON allows no comma after the last property)");
                    return Error(i, $"expected a property name in double quotes{(_expect == Expect.FirstKey ? " or '}'" : " after ','")}, found {Found(i)}");
                case Expect.Colon:
                    if (c != ':')
                        return Error(i, $"expected ':' after property name '{_stack[^1].Key}', found {Found(i)}");
                    i++;
                    _expect = Expect.Value;
                    continue;
                case Expect.AfterMember or Expect.AfterItem:
                    var inObject = _expect == Expect.AfterMember;
                    if (c == ',')
                    {
                        _lastComma = i++;
                        _expect = inObject ? Expect.Key : Expect.Item;
                        continue;
                    }

                    if (c == (inObject ? '}' : ']'))
                    {
                        i = Close(i);
                        continue;
                    }

                    return Error(i, inObject
                        ? $"expected ',' or '}}' after the value of '{_stack[^1].Key}', found {Found(i)}"
                        : $"expected ',' or ']' after an array item, found {Found(i)}");
                default:
                    if (c == ']' && _expect == Expect.FirstItem)
                    {
                        i = Close(i);
                        continue;
                    }

                    if (c == ']' && _expect == Expect.Item)
                        return Error(i, $"trailing comma: the ',' at {Position(_lastComma)} is followed by ']' instead of another value (JSON allows no comma after the last array item)");
                    if (ScanValue(ref i) is { } valueError)
                        return valueError;
                    continue;
            }
        }
    }

    /// <summary>Reads one value at <paramref name="i"/> (an opening bracket only, for an object or array).</summary>
    private (TextSpan, string)? ScanValue(ref int i)
    {
        var c = _text[i];
        switch (c)
        {
            case '{':
            case '[':
                _stack.Add(new Container(c == '{', i, null));
                _expect = c == '{' ? Expect.FirstKey : Expect.FirstItem;
                i++;
                return null;
            case '"':
                if (ScanString(ref i) is { } error)
                    return error;
                AfterValue(i);
                return null;
        }

        var end = WordEnd(i);
        if (end == i || c == '\'')
            return Error(i, $"expected {ExpectedValue()}, found {Found(i)}");
        var word = _text[i..end];
        if (word is "true" or "false" or "null" || NumberPattern().IsMatch(word))
        {
            i = end;
            AfterValue(i);
            return null;
        }

        return c is >= '0' and <= '9' or '-' or '+' or '.'
            ? Error(i + NumberPrefixLength(word), $"invalid number {Masked(word)} (a JSON number is written like 0, -12, 0.5 or 1e-3: no leading zeros, '+' sign or bare '.')")
            : Error(i + LiteralPrefixLength(word), $"invalid literal {Masked(word)} (a JSON value is true, false, null, a number, a string in double quotes, an object or an array)");
    }

    /// <summary>How many leading characters of <paramref name="word"/> a JSON literal (<c>true</c>, <c>false</c>,
    /// <c>null</c>) could begin with: the offset of the first character the parser cannot accept (the word's length
    /// when the word is a literal cut short, <c>tru</c>: the parser then rejects the character after it).</summary>
    private static int LiteralPrefixLength(string word)
    {
        var longest = 0;
        foreach (var literal in (ReadOnlySpan<string>)["true", "false", "null"])
            longest = Math.Max(longest, word.AsSpan().CommonPrefixLength(literal));
        return longest;
    }

    /// <summary>How many leading characters of <paramref name="word"/> are a valid beginning of a JSON number (RFC 8259
    /// section 6): the offset of the first character the parser cannot accept, which is the word's length when the
    /// number ends too early (<c>1.</c>, <c>1e</c>, <c>-</c>: the parser rejects the character after it).</summary>
    private static int NumberPrefixLength(string word)
    {
        var i = 0;
        if (i < word.Length && word[i] == '-')
            i++;
        if (i < word.Length && word[i] == '0')
            i++;
        else if (i < word.Length && word[i] is >= '1' and <= '9')
            i = Digits(word, i);
        else
            return i;
        if (i < word.Length && word[i] == '.')
        {
            var fraction = Digits(word, i + 1);
            if (fraction == i + 1)
                return fraction;
            i = fraction;
        }

        if (i < word.Length && word[i] is 'e' or 'E')
        {
            var exponent = i + 1 < word.Length && word[i + 1] is '+' or '-' ? i + 2 : i + 1;
            var digits = Digits(word, exponent);
            if (digits == exponent)
                return exponent;
            i = digits;
        }

        return i;

        static int Digits(string text, int from)
        {
            while (from < text.Length && text[from] is >= '0' and <= '9')
                from++;
            return from;
        }
    }

    private string ExpectedValue() => _expect switch
    {
        Expect.RootValue => "a JSON value",
        Expect.Value => $"a value for '{_stack[^1].Key}'",
        Expect.FirstItem => "a value or ']'",
        _ => "a value after ','",
    };

    /// <summary>Reads the string whose opening quote is at <paramref name="i"/>; on success <paramref name="i"/> is just
    /// past its closing quote.</summary>
    private (TextSpan, string)? ScanString(ref int i)
    {
        var open = i;
        _lastString = i;
        for (i++; i < _text.Length; i++)
        {
            var c = _text[i];
            if (c == '"')
            {
                i++;
                return null;
            }

            if (c == '\\')
            {
                if (i + 1 >= _text.Length)
                    break;
                var escaped = _text[i + 1];
                if (escaped is '"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't')
                {
                    i++;
                    continue;
                }

                if (escaped != 'u')
                    return Error(i, $"invalid escape sequence '\\{Printable(i + 1)}' in a string (a backslash starts \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)");
                var digits = 0;
                while (digits < 4 && i + 2 + digits < _text.Length && char.IsAsciiHexDigit(_text[i + 2 + digits]))
                    digits++;
                if (digits < 4)
                {
                    if (i + 2 + digits >= _text.Length)
                        break;
                    return Error(i, $"invalid escape sequence '{_text.AsSpan(i, 2 + digits)}{Printable(i + 2 + digits)}' in a string ('\\u' takes four hexadecimal digits)");
                }

                i += 5;
                continue;
            }

            if (c is '\n' or '\r')
                return Error(i, $"the string opened at {Position(open)} is not closed on its line (expected '\"'; a line break inside a JSON string is written \\n)");
            if (c < ' ')
                return Error(i, $"control character U+{(int)c:X4} inside a string (write it escaped, as {Escape(c)})");
        }

        return (TextSpan.Empty(_source.EndOfContent), $"the file ends inside the string opened at {Position(open)} (expected '\"')");
    }

    /// <summary>Whether <paramref name="text"/> is ten characters of the form <c>NNNN-NN-NN</c> (ASCII digits), a
    /// calendar date or not.</summary>
    internal static bool HasDateShape(string text)
    {
        if (text.Length != 10)
            return false;
        for (var i = 0; i < text.Length; i++)
        {
            if (i is 4 or 7 ? text[i] != '-' : !char.IsAsciiDigit(text[i]))
                return false;
        }

        return true;
    }

    /// <summary>Why <paramref name="value"/> is not a <c>YYYY-MM-DD</c> date, after the field's name: a value of the
    /// form <c>NNNN-NN-NN</c> (ASCII digits) is shown whole, since no credential has that shape, and said not to be a
    /// calendar date (<c>'2027-02-30' is not a calendar date</c>); any other value is <see cref="Masked"/>
    /// (<c>'next…' (11 characters) is not a date of the form YYYY-MM-DD</c>).</summary>
    internal static string NotADate(string value) =>
        HasDateShape(value) ? $"'{value}' is not a calendar date" : $"{Masked(value)} is not a date of the form YYYY-MM-DD";

    /// <summary>A value quoted in an error message, masked as PL6001 masks a credential: its first four characters and
    /// its length (<c>'hunt…' (16 characters)</c>), or the whole of a value of four characters or fewer (<c>'nul'</c>,
    /// <c>'True'</c>). A syntax error next to <c>"DB_PASSWORD": hunter2…</c> must not print the password in every
    /// output format; four characters are enough to find a typo.</summary>
    internal static string Masked(string value, char quote = '\'')
    {
        var shown = new StringBuilder();
        foreach (var c in value.Length > 4 ? value[..(char.IsHighSurrogate(value[3]) ? 5 : 4)] : value)
            shown.Append(c < ' ' ? ' ' : c);
        return value.Length > 4
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{quote}{shown}…{quote} ({value.Length} characters)")
            : $"{quote}{shown}{quote}";
    }

    /// <summary>A key quoted in a message (a name, not a value): one line (docs/conventions.md#c19), at most <see cref="MaxShown"/> characters; with
    /// <paramref name="trimQuotes"/>, a string token's text between its quotes (escapes as written).</summary>
    internal static string Shown(string text, bool trimQuotes = false)
    {
        if (trimQuotes && text.Length >= 2)
            text = text[1..^1];
        var builder = new StringBuilder(Math.Min(text.Length, MaxShown + 1));
        foreach (var c in text.Length > MaxShown ? text[..MaxShown] : text)
            builder.Append(c < ' ' ? ' ' : c);
        if (text.Length > MaxShown)
            builder.Append('…');
        return builder.ToString();
    }

    private int Close(int i)
    {
        _stack.RemoveAt(_stack.Count - 1);
        AfterValue(i + 1);
        return i + 1;
    }

    private void AfterValue(int end)
    {
        _rootEnd = end - 1;
        _expect = _stack.Count == 0 ? Expect.End : _stack[^1].IsObject ? Expect.AfterMember : Expect.AfterItem;
    }

    private (TextSpan, string) EndOfFile()
    {
        var at = TextSpan.Empty(_source.EndOfContent);
        if (_stack.Count == 0)
            return (at, "the file holds no JSON value");
        var top = _stack[^1];
        var expected = _expect switch
        {
            Expect.FirstKey => "a property name or '}'",
            Expect.Key => "a property name",
            Expect.Colon => "':'",
            Expect.Value => "a value",
            Expect.AfterMember => "',' or '}'",
            Expect.FirstItem => "a value or ']'",
            Expect.Item => "a value",
            _ => "',' or ']'",
        };
        return (at, $"the file ends inside the JSON {(top.IsObject ? "object" : "array")} opened at {Position(top.Open)} (expected {expected})");
    }

    /// <summary>What starts at <paramref name="i"/>, for "found …".</summary>
    private string Found(int i)
    {
        var c = _text[i];
        if (c == '"')
        {
            var close = i + 1;
            while (close < _text.Length && _text[close] is not ('"' or '\\' or '\r' or '\n'))
                close++;
            return close < _text.Length && _text[close] == '"'
                ? $"the string {Masked(_text[(i + 1)..close], '"')}"
                : "'\"'";
        }

        if (c == '\'')
            return "a single quote (JSON strings are written in double quotes)";
        if (c < ' ' || c == '\u007F')
            return $"the control character U+{(int)c:X4}";
        var end = WordEnd(i);
        return end == i ? $"'{c}'" : Masked(_text[i..end]);
    }

    /// <summary>The end of the run of characters at <paramref name="i"/> that may belong to a literal or a number:
    /// anything but white space, control characters, quotes and JSON punctuation.</summary>
    private int WordEnd(int i)
    {
        while (i < _text.Length && _text[i] is not (' ' or '\t' or '\r' or '\n' or '{' or '}' or '[' or ']' or ',' or ':' or '"' or '/') && _text[i] >= ' ')
            i++;
        return i;
    }

    private string Printable(int i)
    {
        if (i >= _text.Length)
            return string.Empty;
        var c = _text[i];
        if (c < ' ' || c == '\u007F')
            return $"U+{(int)c:X4}";
        return char.IsHighSurrogate(c) && i + 1 < _text.Length ? _text.Substring(i, 2) : c.ToString();
    }

    private static string Escape(char c) => c switch
    {
        '\b' => "\\b",
        '\f' => "\\f",
        '\t' => "\\t",
        _ => $"\\u{(int)c:x4}",
    };

    private int SkipWhiteSpace(int i)
    {
        while (i < _text.Length && _text[i] is ' ' or '\t' or '\r' or '\n')
            i++;
        return i;
    }

    private string Position(int offset) => _source.GetPosition(offset).ToString();

    private (TextSpan, string) Error(int offset, string message) => (_source.ErrorSpan(offset), message);

    // RFC 8259, section 6.
    [GeneratedRegex(@"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
