using PolicyLint.Core.Text;

namespace PolicyLint.Core.Syntax;

/// <summary>A scalar value. <see cref="Value"/> is the text after YAML/JSON unescaping; nothing is typed.</summary>
public sealed class ScalarNode : SyntaxNode
{
    private readonly byte _style; // a ScalarStyle: one byte, as most nodes of a tree are scalars

    internal ScalarNode(SyntaxTree tree, TextSpan span, string value, ScalarStyle style, string? tag = null)
        : base(tree, span, tag)
    {
        Value = value;
        _style = (byte)style;
    }

    /// <inheritdoc />
    public override SyntaxNodeKind Kind => SyntaxNodeKind.Scalar;

    /// <summary>The scalar's text (unescaped, folded as YAML defines; CR never part of a line).</summary>
    public string Value { get; }

    /// <summary>How the scalar was written.</summary>
    public ScalarStyle Style => (ScalarStyle)_style;

    /// <summary>Whether the value was generated (an <c>Fn::ForEach</c> identifier replaced in it): it is located where
    /// it was written, but its text is not the file's, so <see cref="TryGetSourceSpan"/> gives up on it.</summary>
    public bool IsGenerated { get; private init; }

    /// <summary>A generated copy with <paramref name="value"/>, located at <paramref name="span"/> (default: here).</summary>
    internal ScalarNode WithGeneratedValue(string value, TextSpan? span = null) =>
        new(Tree, span ?? Span, value, Style == ScalarStyle.Synthetic ? ScalarStyle.Plain : Style, Tag) { IsGenerated = true };

    /// <summary>Whether the scalar was written unquoted (YAML plain, JSON number/literal), so YAML may type it.</summary>
    public bool IsUnquoted => Style is ScalarStyle.Plain or ScalarStyle.JsonNumber or ScalarStyle.JsonLiteral;

    /// <summary>Whether the scalar is a null: empty plain, <c>~</c>, <c>null</c> (any YAML casing), JSON <c>null</c>.</summary>
    public bool IsNull => Tag is null && IsUnquoted && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>
    /// Whether YAML 1.1 (used by PyYAML, hence by SAM) or JSON reads the scalar as a boolean:
    /// unquoted true/false/yes/no/on/off in their YAML casings. Such a tag value deploys as "true"/"false".
    /// </summary>
    public bool IsBooleanLiteral => Tag is null && IsUnquoted && Value is
        "true" or "True" or "TRUE" or "false" or "False" or "FALSE" or
        "yes" or "Yes" or "YES" or "no" or "No" or "NO" or "on" or "On" or "ON" or "off" or "Off" or "OFF";

    /// <summary>Whether the scalar is an unquoted number (YAML int/float forms, JSON number).</summary>
    public bool IsNumberLiteral => Tag is null && IsUnquoted && Value.Length > 0 &&
        double.TryParse(Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>
    /// The source span of the <paramref name="length"/> characters of <see cref="Value"/> that start at
    /// <paramref name="start"/>, when it can be computed exactly: a plain, single-quoted, double-quoted or JSON scalar
    /// written on one line (quotes and escape sequences accounted for), or a YAML literal block scalar (<c>|</c>) whose
    /// indentation is detected from its first non-empty line (each line of the value is a line of the file). False for
    /// folded block scalars (<c>&gt;</c>), for plain and quoted scalars written over several lines (their line breaks
    /// are folded), for a block scalar with an explicit indentation indicator, and for an empty range.
    /// </summary>
    /// <remarks>Escapes: YAML 1.2 §5.7 and JSON (RFC 8259 §7); each escape yields one UTF-16 code unit except
    /// <c>\U</c> beyond the BMP, which gives up.</remarks>
    public bool TryGetSourceSpan(int start, int length, out TextSpan span)
    {
        span = default;
        return !IsGenerated && length > 0 && start >= 0 && start + length <= Value.Length && GetSourceMap() is { } map && map.TryGetSpan(start, length, out span);
    }

    /// <summary>
    /// The source position of every character of <see cref="Value"/>, under the conditions of
    /// <see cref="TryGetSourceSpan"/> (null when they do not hold, and for a generated scalar). Building it costs one pass
    /// over the value (counted in <see cref="SyntaxTree.SourceMapCharacters"/>); locating many ranges of one scalar
    /// through one map is linear, where calling <see cref="TryGetSourceSpan"/> for each would be quadratic.
    /// </summary>
    public ScalarSourceMap? GetSourceMap()
    {
        if (IsGenerated)
            return null;
        Tree.ChargeSourceMap(Value.Length);
        return Map() is { } map ? new ScalarSourceMap(map) : null;
    }

    private (int Start, int End)[]? Map()
    {
        var source = Tree.Source;
        var text = source.Text;
        var singleLine = source.GetPosition(Span.Start).Line == source.GetPosition(Span.End).Line;
        var map = new (int Start, int End)[Value.Length];
        switch (Style)
        {
            case ScalarStyle.Plain when singleLine:
                for (var i = 0; i < Value.Length; i++)
                    map[i] = (Span.Start + i, Span.Start + i + 1);
                break;
            case ScalarStyle.SingleQuoted when singleLine:
            {
                var at = Span.Start + 1;
                for (var i = 0; i < Value.Length; i++)
                {
                    var width = text[at] == '\'' ? 2 : 1;
                    map[i] = (at, at + width);
                    at += width;
                }

                break;
            }

            case ScalarStyle.DoubleQuoted or ScalarStyle.JsonString when singleLine:
            {
                var at = Span.Start + 1;
                for (var i = 0; i < Value.Length; i++)
                {
                    var width = 1;
                    if (text[at] == '\\')
                    {
                        width = text[at + 1] switch
                        {
                            'x' => 4,
                            'u' => 6,
                            'U' => 0,
                            _ => 2,
                        };
                        if (width == 0)
                            return null;
                    }

                    map[i] = (at, at + width);
                    at += width;
                }

                break;
            }

            case ScalarStyle.Literal:
            {
                var headerLine = source.GetPosition(Span.Start).Line;
                var header = source.GetLineText(headerLine)[(source.GetPosition(Span.Start).Column - 1)..];
                if (header.Length > 1 && char.IsAsciiDigit(header[1]) || header.Length > 2 && char.IsAsciiDigit(header[2]))
                    return null;
                var indent = -1;
                for (var line = headerLine + 1; line <= source.LineCount && indent < 0; line++)
                {
                    var lineText = source.GetLineText(line);
                    if (lineText.Trim(' ').Length > 0)
                        indent = lineText.Length - lineText.TrimStart(' ').Length;
                }

                if (indent < 0)
                    return null;
                var valueLine = 0;
                var column = 0;
                for (var i = 0; i < Value.Length; i++)
                {
                    if (Value[i] == '\n')
                    {
                        var lineEnd = source.GetLineStart(headerLine + 1 + valueLine) + Math.Min(indent + column, source.GetLineText(headerLine + 1 + valueLine).Length);
                        map[i] = (lineEnd, lineEnd + 1);
                        valueLine++;
                        column = 0;
                        continue;
                    }

                    var offset = source.GetLineStart(headerLine + 1 + valueLine) + indent + column;
                    if (offset >= text.Length || text[offset] != Value[i])
                        return null;
                    map[i] = (offset, offset + 1);
                    column++;
                }

                break;
            }

            default:
                return null;
        }

        return map;
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
