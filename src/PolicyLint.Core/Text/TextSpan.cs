namespace PolicyLint.Core.Text;

/// <summary>A half-open range <c>[Start, End)</c> of UTF-16 offsets into a <see cref="SourceText"/>.</summary>
/// <param name="Start">Offset of the first character.</param>
/// <param name="End">Offset just past the last character; equal to <paramref name="Start"/> for an empty span.</param>
public readonly record struct TextSpan(int Start, int End)
{
    /// <summary>Number of UTF-16 code units covered.</summary>
    public int Length => End - Start;

    /// <summary>An empty span at <paramref name="offset"/>.</summary>
    public static TextSpan Empty(int offset) => new(offset, offset);
}
