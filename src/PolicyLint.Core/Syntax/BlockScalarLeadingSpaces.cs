using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace PolicyLint.Core.Syntax;

/// <summary>
/// Works around a YamlDotNet scanner defect: a literal block scalar (<c>|</c>, <c>|-</c>, <c>|+</c>, indentation
/// detected) whose first lines hold only spaces is rejected with "found extra spaces in first line" whenever such a
/// line has two spaces or more, although YAML 1.2 forbids only a leading empty line with <em>more</em> spaces than the
/// first non-empty line (YAML 1.2.2 §8.1.1.1; aaubry/YamlDotNet#523, #535; docs/design/yaml-block-scalars.md).
/// </summary>
/// <remarks>
/// When the scanner reports the defect, the leading empty lines of that block scalar are checked against the rule
/// of the specification; if they keep it, their spaces are removed from the text the scanner reads. Such a line
/// contributes one line break to the value whatever spaces it holds, so no value changes. The file's text is never
/// changed: the scanner's positions are mapped back to it (<see cref="ToSourceIndex"/>). At most
/// <see cref="MaxBlockScalars"/> block scalars are handled per file, each with one more scan, so a hostile file costs
/// a bounded number of scans; past that the scanner's error is reported as it is.
/// </remarks>
internal sealed partial class BlockScalarLeadingSpaces
{
    /// <summary>The most block scalars handled in one file (each costs one more scan of the file).</summary>
    public const int MaxBlockScalars = 64;

    private const string DefectMessage = "found extra spaces in first line";

    // Removed ranges in source indices, in increasing order, with the scanned index each starts at and the number of
    // characters removed up to and including it. Records (classes), not value tuples: a ReadyToRun image holds no code
    // for a list of value tuples, which would be JIT-compiled at every start (issue 15).
    private readonly List<Removal> _removed = [];

    private readonly string _source;

    /// <summary>Reads <paramref name="source"/>; nothing is removed until <see cref="TryRemove"/> says so.</summary>
    public BlockScalarLeadingSpaces(string source)
    {
        _source = source;
        ScannedText = source;
    }

    /// <summary>The text given to the scanner: the source with the removed spaces left out.</summary>
    public string ScannedText { get; private set; }

    /// <summary>The index in the source text of index <paramref name="scannedIndex"/> of <see cref="ScannedText"/>.</summary>
    public int ToSourceIndex(int scannedIndex)
    {
        if (_removed.Count == 0)
            return scannedIndex;
        int low = 0, high = _removed.Count - 1, found = -1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (_removed[mid].ScannedStart <= scannedIndex)
            {
                found = mid;
                low = mid + 1;
            }
            else
                high = mid - 1;
        }

        return found < 0 ? scannedIndex : scannedIndex + _removed[found].RemovedThrough;
    }

    /// <summary>
    /// When <paramref name="error"/> is the defect and the block scalar keeps the specification's rule, removes the
    /// spaces of its leading empty lines from <see cref="ScannedText"/> and returns true (scan again); else false.
    /// </summary>
    /// <param name="error">What the scanner threw.</param>
    /// <param name="contentLineStart">Source index of the error's start: the start of the block scalar's first
    /// non-empty line.</param>
    /// <param name="contentStart">Source index of the error's end: that line's first character after its
    /// indentation.</param>
    public bool TryRemove(SemanticErrorException error, int contentLineStart, int contentStart)
    {
        if (!error.Message.Contains(DefectMessage, StringComparison.Ordinal) || _removed.Count >= MaxBlockScalars)
            return false;
        if (contentLineStart <= 0 || contentStart <= contentLineStart || contentStart >= _source.Length
            || (_removed.Count > 0 && contentLineStart <= _removed[^1].SourceStart))
            return false;

        var contentIndent = contentStart - contentLineStart;
        for (var i = contentLineStart; i < contentStart; i++)
        {
            if (_source[i] != ' ')
                return false;
        }

        if (_source[contentStart] is '\r' or '\n')
            return false;

        // The lines above, back to the header: each holds only spaces, no more than the content's indentation (§8.1.1.1).
        var blank = new List<(int Start, int Length)>();
        var lineStart = contentLineStart;
        while (true)
        {
            if (lineStart == 0)
                return false;
            var lineEnd = lineStart - 1; // the '\n' ending the line above
            if (lineEnd > 0 && _source[lineEnd - 1] == '\r')
                lineEnd--;
            var start = _source.LastIndexOf('\n', Math.Max(0, lineStart - 2)) + 1;
            if (start >= lineStart)
                return false;
            var spaces = 0;
            while (start + spaces < lineEnd && _source[start + spaces] == ' ')
                spaces++;
            if (start + spaces < lineEnd)
            {
                // The header: it ends with the literal indicator and no indentation indicator (then spaces past the
                // indentation are content, and removing them would change the value).
                var header = _source[start..lineEnd];
                if (!LiteralHeader().IsMatch(header) || contentIndent <= spaces)
                    return false;
                break;
            }

            if (spaces > contentIndent)
                return false;
            if (spaces > 0)
                blank.Add((start, spaces));
            lineStart = start;
        }

        if (blank.Count == 0)
            return false;
        blank.Reverse();
        foreach (var (start, length) in blank)
        {
            var removedBefore = _removed.Count > 0 ? _removed[^1].RemovedThrough : 0;
            _removed.Add(new Removal(start, length, start - removedBefore, removedBefore + length));
        }

        var text = new StringBuilder(_source.Length);
        var at = 0;
        foreach (var (start, length, _, _) in _removed)
        {
            text.Append(_source, at, start - at);
            at = start + length;
        }

        text.Append(_source, at, _source.Length - at);
        ScannedText = text.ToString();
        return true;
    }

    // `|`, `|-` or `|+` after a space (or at the start of the line), then optional white space and comment.
    [GeneratedRegex(@"(?:^|[ \t])\|[+-]?[ \t]*(?:#.*)?$")]
    private static partial Regex LiteralHeader();

    /// <summary>A removed range: its source start and length, the scanned index it starts at, and the characters removed
    /// up to and including it.</summary>
    private sealed record Removal(int SourceStart, int Length, int ScannedStart, int RemovedThrough);
}
