using System.Globalization;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Reporting;

/// <summary>
/// GitHub code scanning's <c>primaryLocationLineHash</c>, computed as the <c>upload-sarif</c> action computes it when a
/// tool leaves it out, so that our value and GitHub's agree.
/// </summary>
/// <remarks>
/// Algorithm (github/codeql-action <c>src/fingerprints.ts</c>, MIT; docs/aws-facts.md#primary-location-line-hash): a rolling hash over the file's UTF-16
/// code units. CR and CRLF read as LF; spaces and tabs are skipped; for each remaining character c,
/// <c>hash = hash × 37 + c</c> in wrapping 64-bit arithmetic, minus the contribution (<c>37^100 × c'</c>) of the
/// character 100 places back, so the hash of a line covers the 100 characters starting at its first character.
/// After the last character the action reads one end-of-file sentinel, 65535, then zeros
/// pad the window; the sentinel is a character like any other, so after a final line break it starts one more line.
/// The value is the unsigned hash in lower-case hex, a colon, and how many times that hash has occurred so far in
/// the file (1-based). The byte order mark, which Node reads as U+FEFF, counts as a character.
/// </remarks>
public static class LineHash
{
    private const int BlockSize = 100;

    // The action reads one sentinel character after the last one, so the lines near the end hash it too.
    private const int EndOfFile = 0xFFFF;
    private const long Mod = 37;
    private static readonly long FirstMod = ComputeFirstMod();

    /// <summary>The hash of every line of <paramref name="source"/>, indexed by 1-based line number (index 0 unused;
    /// null for a line with no hash).</summary>
    public static string?[] Compute(SourceText source) =>
        Compute(new Reader(source.Text, source.HadByteOrderMark, source.LineCount));

    /// <summary>The hash of every line of <paramref name="text"/>, indexed by 1-based line number.</summary>
    public static string?[] Compute(string text, int lineCount) => Compute(new Reader(text, byteOrderMark: false, lineCount));

    private static string?[] Compute(Reader reader)
    {
        var result = new string?[reader.LineCount + 2];
        for (var line = 1; line < result.Length; line++)
            result[line] = reader.Get(line);
        return result;
    }

    private static long ComputeFirstMod()
    {
        long value = 1;
        for (var i = 0; i < BlockSize; i++)
            value = unchecked(value * Mod);
        return value;
    }

    /// <summary>
    /// The line hashes of one file, computed as far as the lines asked for so far and no further: a result on line 12
    /// reads the file up to about 100 characters past line 12, and only the asked lines are formatted as strings (a
    /// SARIF log needs one hash per result, not one per line of every file with a result).
    /// </summary>
    /// <remarks>The hashes are the same as <see cref="Compute(string, int)"/>'s: the occurrence count of a line depends
    /// only on the lines before it, and lines are completed in order.</remarks>
    internal sealed class Reader
    {
        private readonly string _text;
        private readonly int[] _window = new int[BlockSize];
        private readonly int[] _lineNumbers = new int[BlockSize];
        private readonly Dictionary<ulong, int> _counts = [];
        private readonly List<(ulong Hash, int Count)> _lines = [];
        private long _hash;
        private int _index;
        private int _lineNumber;
        private bool _lineStart = true;
        private bool _previousCr;

        // The next character to read: -1 is the byte order mark (when the file has one), _text.Length the end-of-file
        // sentinel, then BlockSize zeros of padding.
        private int _position;

        /// <summary>Reads <paramref name="text"/> (after U+FEFF when <paramref name="byteOrderMark"/>), whose lines
        /// are numbered 1 to <paramref name="lineCount"/>.</summary>
        public Reader(string text, bool byteOrderMark, int lineCount)
        {
            _text = text;
            _position = byteOrderMark ? -1 : 0;
            LineCount = lineCount;
            Array.Fill(_lineNumbers, -1);
        }

        /// <summary>The file's line count as <see cref="SourceText.LineCount"/> gives it.</summary>
        public int LineCount { get; }

        /// <summary>How many characters (the byte order mark, the sentinel and the padding included) have been read so
        /// far: a count for tests.</summary>
        internal int CharactersRead { get; private set; }

        /// <summary>The hash of 1-based <paramref name="line"/>, or null for a line with no hash or past
        /// <see cref="LineCount"/> + 1.</summary>
        public string? Get(int line)
        {
            if (line < 1 || line > LineCount + 1)
                return null;
            while (_lines.Count < line && Step())
            {
            }

            if (line > _lines.Count)
                return null;
            var (hash, count) = _lines[line - 1];
            return string.Create(CultureInfo.InvariantCulture, $"{hash:x}:{count}");
        }

        /// <summary>Reads one more character; false when the whole file and its padding have been read.</summary>
        private bool Step()
        {
            var end = _text.Length + 1 + BlockSize;
            if (_position >= end)
                return false;
            var position = _position++;
            CharactersRead++;
            if (position < 0)
                Process('\uFEFF');
            else if (position < _text.Length)
                Process(_text[position]);
            else if (position == _text.Length)
                Process(EndOfFile);
            else
            {
                if (_lineNumbers[_index] != -1)
                    Output();
                Update(0);
            }

            return true;
        }

        private void Output()
        {
            var value = unchecked((ulong)_hash);
            var count = _counts.GetValueOrDefault(value) + 1;
            _counts[value] = count;
            var line = _lineNumbers[_index];
            // Lines complete in order, one after another.
            if (line == _lines.Count + 1)
                _lines.Add((value, count));
            _lineNumbers[_index] = -1;
        }

        private void Update(int current)
        {
            var begin = _window[_index];
            _window[_index] = current;
            _hash = unchecked((Mod * _hash) + current - (FirstMod * begin));
            _index = (_index + 1) % BlockSize;
        }

        private void Process(int current)
        {
            if (current is ' ' or '\t' || (_previousCr && current == '\n'))
            {
                _previousCr = false;
                return;
            }

            if (current == '\r')
            {
                current = '\n';
                _previousCr = true;
            }
            else
                _previousCr = false;

            if (_lineNumbers[_index] != -1)
                Output();
            if (_lineStart)
            {
                _lineStart = false;
                _lineNumber++;
                _lineNumbers[_index] = _lineNumber;
            }

            if (current == '\n')
                _lineStart = true;
            Update(current);
        }
    }
}
