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
        Compute(source.HadByteOrderMark ? "\uFEFF" + source.Text : source.Text, source.LineCount);

    /// <summary>The hash of every line of <paramref name="text"/>, indexed by 1-based line number.</summary>
    public static string?[] Compute(string text, int lineCount)
    {
        var result = new string?[lineCount + 2];
        var window = new int[BlockSize];
        var lineNumbers = new int[BlockSize];
        Array.Fill(lineNumbers, -1);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        long hash = 0;
        var index = 0;
        var lineNumber = 0;
        var lineStart = true;
        var previousCr = false;

        void Output()
        {
            var value = unchecked((ulong)hash).ToString("x", CultureInfo.InvariantCulture);
            counts[value] = counts.GetValueOrDefault(value) + 1;
            var line = lineNumbers[index];
            if (line < result.Length)
                result[line] = string.Create(CultureInfo.InvariantCulture, $"{value}:{counts[value]}");
            lineNumbers[index] = -1;
        }

        void Update(int current)
        {
            var begin = window[index];
            window[index] = current;
            hash = unchecked((Mod * hash) + current - (FirstMod * begin));
            index = (index + 1) % BlockSize;
        }

        void Process(int current)
        {
            if (current is ' ' or '\t' || (previousCr && current == '\n'))
            {
                previousCr = false;
                return;
            }

            if (current == '\r')
            {
                current = '\n';
                previousCr = true;
            }
            else
                previousCr = false;

            if (lineNumbers[index] != -1)
                Output();
            if (lineStart)
            {
                lineStart = false;
                lineNumber++;
                lineNumbers[index] = lineNumber;
            }

            if (current == '\n')
                lineStart = true;
            Update(current);
        }

        foreach (var c in text)
            Process(c);
        Process(EndOfFile);

        for (var i = 0; i < BlockSize; i++)
        {
            if (lineNumbers[index] != -1)
                Output();
            Update(0);
        }

        return result;
    }

    private static long ComputeFirstMod()
    {
        long value = 1;
        for (var i = 0; i < BlockSize; i++)
            value = unchecked(value * Mod);
        return value;
    }
}
