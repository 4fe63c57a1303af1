using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace PolicyLint.Core.Text;

/// <summary>
/// The decoded text of one file together with its line map. Offsets are 0-based UTF-16 code unit
/// indexes into <see cref="Text"/>; positions are 1-based lines and columns in UTF-16 code units.
/// </summary>
/// <remarks>
/// Line breaks are <c>\n</c>, <c>\r\n</c> (one break) and a lone <c>\r</c>, as in YAML 1.2 §5.4; a
/// break is never part of its line. A UTF-8 byte order mark is removed before anything is counted,
/// so it is not a character of line 1 (docs/conventions.md#c2). Columns count UTF-16 code units, SARIF's default
/// <c>columnKind</c> (SARIF 2.1.0 §3.14.17); a tab is one column.
/// </remarks>
public sealed class SourceText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly int[] _lineStarts;

    private SourceText(string path, string text, bool hadByteOrderMark, Encoding? encoding = null)
    {
        Path = path;
        Text = text;
        HadByteOrderMark = hadByteOrderMark;
        Encoding = encoding ?? Encoding.UTF8;
        _lineStarts = ComputeLineStarts(text);
    }

    /// <summary>The encoding the file was decoded from: UTF-8, or UTF-16 or UTF-32 (little or big endian) when a byte
    /// order mark or the file's first bytes say so (<see cref="DetectEncoding"/>).</summary>
    public Encoding Encoding { get; }

    /// <summary>Root-relative path with <c>/</c> separators, as reported in every output format.</summary>
    public string Path { get; }

    /// <summary>The file's text without a leading byte order mark.</summary>
    public string Text { get; }

    /// <summary>Whether the file started with a byte order mark (removed from <see cref="Text"/>).</summary>
    public bool HadByteOrderMark { get; }

    /// <summary>Number of lines; a file ending with a line break has no extra empty line counted.</summary>
    public int LineCount => _lineStarts.Length > 1 && _lineStarts[^1] == Text.Length ? _lineStarts.Length - 1 : _lineStarts.Length;

    /// <summary>
    /// Offset just past the last character of the file, before a final line break: where an
    /// end-of-stream error is located so that it never names a line that does not exist (docs/conventions.md#c2).
    /// </summary>
    public int EndOfContent
    {
        get
        {
            var end = Text.Length;
            if (end > 0 && Text[end - 1] == '\n')
                end--;
            if (end > 0 && Text[end - 1] == '\r')
                end--;
            return end;
        }
    }

    /// <summary>Creates a source text from an already decoded string; a leading U+FEFF is removed.</summary>
    public static SourceText From(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bom = text.Length > 0 && text[0] == '\uFEFF';
        return new SourceText(path, bom ? text[1..] : text, bom);
    }

    /// <summary>
    /// The encoding of a YAML or JSON file from its first bytes, as YAML 1.2 §5.2 and RFC 4627 §3 tell it: a byte order
    /// mark (UTF-32 LE <c>FF FE 00 00</c>, UTF-32 BE <c>00 00 FE FF</c>, UTF-16 LE <c>FF FE</c>, UTF-16 BE <c>FE FF</c>,
    /// UTF-8 <c>EF BB BF</c>), else the zero bytes around a first ASCII character (<c>00 00 00 x</c> UTF-32 BE,
    /// <c>x 00 00 00</c> UTF-32 LE, <c>00 x</c> UTF-16 BE, <c>x 00</c> UTF-16 LE), else UTF-8.
    /// </summary>
    /// <param name="head">The file's first bytes (four are enough).</param>
    /// <param name="bomLength">The length of the byte order mark, 0 when there is none.</param>
    /// <returns>A decoder-lenient encoding (invalid sequences become U+FFFD) without a preamble.</returns>
    public static Encoding DetectEncoding(ReadOnlySpan<byte> head, out int bomLength)
    {
        bomLength = 0;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bomLength = 3;
            return Encoding.UTF8;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            bomLength = 4;
            return Utf32(bigEndian: false, strict: false);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            bomLength = 4;
            return Utf32(bigEndian: true, strict: false);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            bomLength = 2;
            return Utf16(bigEndian: head[0] == 0xFE, strict: false);
        }

        if (head.Length >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] != 0)
            return Utf32(bigEndian: true, strict: false);
        if (head.Length >= 4 && head[0] != 0 && head[1] == 0 && head[2] == 0 && head[3] == 0)
            return Utf32(bigEndian: false, strict: false);
        if (head.Length >= 2 && head[0] == 0 && head[1] != 0)
            return Utf16(bigEndian: true, strict: false);
        if (head.Length >= 2 && head[0] != 0 && head[1] == 0)
            return Utf16(bigEndian: false, strict: false);
        return Encoding.UTF8;
    }

    private static UnicodeEncoding Utf16(bool bigEndian, bool strict) => new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: strict);

    private static UTF32Encoding Utf32(bool bigEndian, bool strict) => new UTF32Encoding(bigEndian, byteOrderMark: false, throwOnInvalidCharacters: strict);

    /// <summary>
    /// Decodes a file's bytes: UTF-8, or UTF-16 or UTF-32 when <see cref="DetectEncoding"/> says so; a byte order mark
    /// is skipped. Never throws on bad input: when the bytes are not valid in their encoding,
    /// <paramref name="invalidOffset"/> receives the UTF-16 offset in the returned text (decoded with U+FFFD
    /// replacements) where the first invalid sequence starts; otherwise it is -1.
    /// </summary>
    public static SourceText Decode(string path, ReadOnlySpan<byte> bytes, out int invalidOffset)
    {
        var encoding = DetectEncoding(bytes, out var bomLength);
        if (encoding.CodePage != Encoding.UTF8.CodePage)
            return DecodeWide(path, bytes, encoding, bomLength, out invalidOffset);

        var bom = bomLength == 3;
        if (bom)
            bytes = bytes[3..];

        invalidOffset = -1;
        // Valid UTF-8 (nearly every file) is decoded straight into its string: no buffer as large as the file is rented
        // and kept by the shared pool for the rest of the run (issue 15).
        if (Utf8.IsValid(bytes))
            return new SourceText(path, Encoding.UTF8.GetString(bytes), bom);

        // The first invalid sequence's offset in the text.
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            var status = Utf8.ToUtf16(bytes, buffer, out _, out var charsWritten, replaceInvalidSequences: false);
            if (status == OperationStatus.Done)
                return new SourceText(path, new string(buffer, 0, charsWritten), bom);
            invalidOffset = charsWritten;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }

        // Lenient decode so that positions can still be reported in the rest of the file.
        return new SourceText(path, Encoding.UTF8.GetString(bytes), bom);
    }

    private static SourceText DecodeWide(string path, ReadOnlySpan<byte> bytes, Encoding lenient, int bomLength, out int invalidOffset)
    {
        var body = bytes[bomLength..];
        var bigEndian = lenient is UnicodeEncoding ? lenient.CodePage == 1201 : lenient.CodePage == 12001;
        Encoding strict = lenient is UnicodeEncoding ? Utf16(bigEndian, strict: true) : Utf32(bigEndian, strict: true);
        invalidOffset = -1;
        try
        {
            return new SourceText(path, strict.GetString(body), bomLength > 0, lenient);
        }
        catch (DecoderFallbackException ex)
        {
            // The first invalid sequence: a lone surrogate, a code point past U+10FFFF, or a last code unit cut short.
            var unit = lenient is UnicodeEncoding ? 2 : 4;
            var good = Math.Clamp(ex.Index, 0, body.Length) / unit * unit;
            invalidOffset = lenient.GetCharCount(body[..good]);
        }

        return new SourceText(path, lenient.GetString(body), bomLength > 0, lenient);
    }

    /// <summary>Whether <paramref name="bytes"/> decode as strict UTF-8 (used by tests and tools).</summary>
    public static bool IsValidUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _ = StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The 1-based position of <paramref name="offset"/>; offsets outside the text are clamped.</summary>
    public LinePosition GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        if (offset > 0 && offset < Text.Length && Text[offset] == '\n' && Text[offset - 1] == '\r')
            offset--; // inside a CRLF break: the end of the line (\r is not part of the line, docs/conventions.md#c2)
        // The last line starting at or before offset (_lineStarts[0] is 0); by hand, as Array.BinarySearch<int> has no
        // ReadyToRun code and would be JIT-compiled at every start.
        int low = 0, high = _lineStarts.Length - 1;
        while (low < high)
        {
            var middle = low + ((high - low + 1) >> 1);
            if (_lineStarts[middle] <= offset)
                low = middle;
            else
                high = middle - 1;
        }

        var line = low;
        return new LinePosition(line + 1, offset - _lineStarts[line] + 1);
    }

    /// <summary>The one-character region at <paramref name="offset"/> where a syntax error is reported (docs/conventions.md#c2): empty at
    /// the end of the content (never over the final line break, which would end on a line the file does not have); a
    /// whole CRLF break when it starts there.</summary>
    public TextSpan ErrorSpan(int offset)
    {
        var end = EndOfContent;
        offset = Math.Clamp(offset, 0, end);
        if (offset >= end)
            return TextSpan.Empty(offset);
        return Text[offset] == '\r' && offset + 1 < Text.Length && Text[offset + 1] == '\n' ? new TextSpan(offset, offset + 2) : new TextSpan(offset, offset + 1);
    }

    /// <summary>The offset of a 1-based position; positions past a line's end are clamped to it.</summary>
    public int GetOffset(LinePosition position)
    {
        var line = Math.Clamp(position.Line, 1, _lineStarts.Length) - 1;
        var start = _lineStarts[line];
        var end = GetLineEnd(line);
        return Math.Min(start + Math.Max(0, position.Column - 1), end);
    }

    /// <summary>The text of a 1-based line without its line break; empty for lines out of range.</summary>
    public string GetLineText(int line)
    {
        if (line < 1 || line > _lineStarts.Length)
            return string.Empty;
        var start = _lineStarts[line - 1];
        return Text[start..GetLineEnd(line - 1)];
    }

    /// <summary>Offset of the first character of a 1-based line (clamped to the text).</summary>
    public int GetLineStart(int line) => _lineStarts[Math.Clamp(line, 1, _lineStarts.Length) - 1];

    private int GetLineEnd(int lineIndex)
    {
        var end = lineIndex + 1 < _lineStarts.Length ? _lineStarts[lineIndex + 1] : Text.Length;
        if (end > _lineStarts[lineIndex] && Text[end - 1] == '\n')
            end--;
        if (end > _lineStarts[lineIndex] && Text[end - 1] == '\r')
            end--;
        return end;
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int>(text.Length / 32 + 1) { 0 };
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var next = span[i..].IndexOfAny('\r', '\n');
            if (next < 0)
                break;
            i += next;
            if (span[i] == '\r' && i + 1 < span.Length && span[i + 1] == '\n')
                i++;
            i++;
            starts.Add(i);
        }

        return [.. starts];
    }
}
