namespace PolicyLint.Core.Text;

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
    // Not HashCode.Combine: its instantiation over TextSpan is not in the ReadyToRun image and would be JIT-compiled at
    // every start (issue 15).
    public override int GetHashCode() => unchecked(((StringComparer.Ordinal.GetHashCode(Path) * 31) + Span.Start) * 31 + Span.End);
}
