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
/// so it is not a character of line 1 (BEHAVIOR C2). Columns count UTF-16 code units, SARIF's default
/// <c>columnKind</c> (SARIF 2.1.0 §3.14.17); a tab is one column.
/// </remarks>
public sealed class SourceText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly int[] _lineStarts;

    private SourceText(string path, string text, bool hadByteOrderMark)
    {
        Path = path;
        Text = text;
        HadByteOrderMark = hadByteOrderMark;
        _lineStarts = ComputeLineStarts(text);
    }

    /// <summary>Root-relative path with <c>/</c> separators, as reported in every output format.</summary>
    public string Path { get; }

    /// <summary>The file's text without a leading byte order mark.</summary>
    public string Text { get; }

    /// <summary>Whether the file started with a UTF-8 byte order mark (removed from <see cref="Text"/>).</summary>
    public bool HadByteOrderMark { get; }

    /// <summary>Number of lines; a file ending with a line break has no extra empty line counted.</summary>
    public int LineCount => _lineStarts.Length > 1 && _lineStarts[^1] == Text.Length ? _lineStarts.Length - 1 : _lineStarts.Length;

    /// <summary>
    /// Offset just past the last character of the file, before a final line break: where an
    /// end-of-stream error is located so that it never names a line that does not exist (C2).
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
    /// Decodes UTF-8 bytes (a leading byte order mark is skipped). Never throws on bad input: when the
    /// bytes are not valid UTF-8, <paramref name="invalidOffset"/> receives the UTF-16 offset in the
    /// returned text (decoded with U+FFFD replacements) where the first invalid sequence starts;
    /// otherwise it is -1.
    /// </summary>
    public static SourceText Decode(string path, ReadOnlySpan<byte> bytes, out int invalidOffset)
    {
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        if (bom)
            bytes = bytes[3..];

        invalidOffset = -1;
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
            offset--; // inside a CRLF break: the end of the line (\r is not part of the line, C2)
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

    /// <summary>The one-character region at <paramref name="offset"/> where a syntax error is reported (C2): empty at
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
