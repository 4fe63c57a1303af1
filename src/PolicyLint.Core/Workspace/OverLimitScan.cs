using PolicyLint.Core.Text;

namespace PolicyLint.Core.Workspace;

/// <summary>
/// Whether a file over the size limit looks like a template (docs/conventions.md#c4) or mentions a marker word, decided over the whole file
/// in chunks of <see cref="FileSourceReading.ChunkBytes"/> bytes, in constant memory, without a syntax tree: the same
/// test as <see cref="Loading.ProjectLoader.LooksLikeTemplate"/> (a line starting with <c>AWSTemplateFormatVersion</c>,
/// <c>Transform</c> or <c>Resources</c>, optional spaces and <c>:</c>; or the text <c>"AWSTemplateFormatVersion"</c> or
/// <c>"Resources"</c>), with matches across chunk boundaries found, on the text decoded as
/// <see cref="SourceText.Decode"/> would decode it.
/// </summary>
internal static class OverLimitScan
{
    private static readonly string[] LineKeywords = ["AWSTemplateFormatVersion", "Transform", "Resources"];
    private static readonly string[] JsonWords = ["\"AWSTemplateFormatVersion\"", "\"Resources\""];

    /// <summary>Reads <paramref name="stream"/> to its end, or to the length it reported when opened (at least
    /// <paramref name="maxBytes"/> + 1: it is over the limit), whichever comes first, and stops at the first match.</summary>
    public static bool LooksLikeTemplate(Stream stream, IReadOnlyList<string> markers, long maxBytes)
    {
        var budget = Math.Max(stream.Length, maxBytes + 1);
        var bytes = new byte[FileSourceReading.ChunkBytes];
        var filled = stream.ReadAtLeast(bytes, 4, throwOnEndOfStream: false);
        var encoding = SourceText.DetectEncoding(bytes.AsSpan(0, filled), out var bomLength);
        var decoder = encoding.GetDecoder();
        var words = new List<string>(JsonWords.Length + markers.Count);
        words.AddRange(JsonWords);
        words.AddRange(markers.Where(m => m.Length > 0));
        var longest = words.Max(w => w.Length);
        var chars = new char[encoding.GetMaxCharCount(bytes.Length) + longest];
        var carry = 0; // characters kept from the previous chunk, so that a word split across chunks is found
        var line = new LineState();
        long total = filled;
        var offset = bomLength;
        while (true)
        {
            var flush = filled == 0 || total >= budget;
            var decoded = decoder.GetChars(bytes, offset, filled - offset, chars, carry, flush);
            var text = chars.AsSpan(0, carry + decoded);
            if (line.Feed(chars.AsSpan(carry, decoded)))
                return true;
            foreach (var word in words)
            {
                if (text.IndexOf(word, StringComparison.Ordinal) >= 0)
                    return true;
            }

            if (flush)
                return false;
            carry = Math.Min(longest - 1, text.Length);
            text[^carry..].CopyTo(chars);
            offset = 0;
            filled = stream.Read(bytes, 0, (int)Math.Min(bytes.Length, budget - total));
            total += filled;
        }
    }

    /// <summary>Matches <c>^(AWSTemplateFormatVersion|Transform|Resources) *:</c> (lines start after <c>\n</c>, as in
    /// a multiline .NET pattern) one character at a time. The keywords start with different letters, so the first
    /// character of a line picks the only keyword it can be.</summary>
    private struct LineState
    {
        private int _keyword; // index into LineKeywords, or -1: this line cannot match
        private int _matched; // characters of the keyword matched so far
        private bool _started;

        public bool Feed(ReadOnlySpan<char> text)
        {
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    _started = false;
                    continue;
                }

                if (!_started)
                {
                    _started = true;
                    _keyword = c switch { 'A' => 0, 'T' => 1, 'R' => 2, _ => -1 };
                    _matched = _keyword < 0 ? 0 : 1;
                    continue;
                }

                if (_keyword < 0)
                    continue;
                var keyword = LineKeywords[_keyword];
                if (_matched < keyword.Length)
                {
                    if (c == keyword[_matched])
                        _matched++;
                    else
                        _keyword = -1;
                }
                else if (c == ':')
                    return true;
                else if (c != ' ')
                    _keyword = -1;
            }

            return false;
        }
    }
}
