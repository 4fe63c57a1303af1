namespace PolicyLint.Core.Text;

/// <summary>A 1-based line and column; the column counts UTF-16 code units (docs/conventions.md#c2).</summary>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based column in UTF-16 code units; a tab is one column.</param>
public readonly record struct LinePosition(int Line, int Column) : IComparable<LinePosition>
{
    /// <inheritdoc />
    public int CompareTo(LinePosition other) =>
        Line != other.Line ? Line.CompareTo(other.Line) : Column.CompareTo(other.Column);

    /// <summary>Formats as <c>line:column</c>.</summary>
    public override string ToString() => $"{Line}:{Column}";

    /// <summary>Ordering by line, then column.</summary>
    public static bool operator <(LinePosition left, LinePosition right) => left.CompareTo(right) < 0;

    /// <summary>Ordering by line, then column.</summary>
    public static bool operator >(LinePosition left, LinePosition right) => left.CompareTo(right) > 0;

    /// <summary>Ordering by line, then column.</summary>
    public static bool operator <=(LinePosition left, LinePosition right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering by line, then column.</summary>
    public static bool operator >=(LinePosition left, LinePosition right) => left.CompareTo(right) >= 0;
}

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

/// <summary>
/// A region of one file: where a diagnostic is reported. <see cref="Start"/> is the first character,
/// <see cref="End"/> is exclusive (docs/conventions.md#c2); a file-level location is the empty region at 1:1.
/// </summary>
public sealed class Location : IEquatable<Location>
{
    /// <summary>Creates a location for <paramref name="span"/> in <paramref name="source"/>.</summary>
    public Location(SourceText source, TextSpan span)
    {
        Source = source;
        Span = span;
        Start = source.GetPosition(span.Start);
        End = source.GetPosition(span.End);
    }

    /// <summary>The file.</summary>
    public SourceText Source { get; }

    /// <summary>Root-relative path with <c>/</c> separators.</summary>
    public string Path => Source.Path;

    /// <summary>The offsets covered.</summary>
    public TextSpan Span { get; }

    /// <summary>1-based position of the first character.</summary>
    public LinePosition Start { get; }

    /// <summary>1-based position just past the last character (exclusive end).</summary>
    public LinePosition End { get; }

    /// <summary>The empty region at 1:1 of <paramref name="source"/>, for file-level results.</summary>
    public static Location FileLevel(SourceText source) => new(source, TextSpan.Empty(0));

    /// <summary>Formats as <c>path(line,col)</c>, the MSBuild form.</summary>
    public override string ToString() => $"{Path}({Start.Line},{Start.Column})";

    /// <inheritdoc />
    public bool Equals(Location? other) =>
        other is not null && string.Equals(Path, other.Path, StringComparison.Ordinal) && Span == other.Span;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Location);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Path), Span);
}
