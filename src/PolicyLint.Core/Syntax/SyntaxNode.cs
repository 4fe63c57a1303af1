using PolicyLint.Core.Text;

namespace PolicyLint.Core.Syntax;

/// <summary>The kind of a <see cref="SyntaxNode"/>.</summary>
public enum SyntaxNodeKind
{
    /// <summary>A scalar: every YAML scalar and every JSON string, number, boolean and null.</summary>
    Scalar,

    /// <summary>A mapping (YAML mapping, JSON object), including short-form intrinsic functions.</summary>
    Mapping,

    /// <summary>A sequence (YAML sequence, JSON array).</summary>
    Sequence,

    /// <summary>A YAML alias (<c>*name</c>); it points at its anchored node and is never copied.</summary>
    Alias,
}

/// <summary>How a scalar was written. Values are always kept as the text written (docs/conventions.md#c18: scalars are strings).</summary>
public enum ScalarStyle
{
    /// <summary>YAML plain scalar (unquoted).</summary>
    Plain,

    /// <summary>YAML <c>'single quoted'</c>.</summary>
    SingleQuoted,

    /// <summary>YAML <c>"double quoted"</c>.</summary>
    DoubleQuoted,

    /// <summary>YAML literal block scalar <c>|</c>.</summary>
    Literal,

    /// <summary>YAML folded block scalar <c>&gt;</c>.</summary>
    Folded,

    /// <summary>JSON string.</summary>
    JsonString,

    /// <summary>JSON number, kept as written (no precision is lost).</summary>
    JsonNumber,

    /// <summary>JSON <c>true</c>, <c>false</c> or <c>null</c>.</summary>
    JsonLiteral,

    /// <summary>A name created by the parser: the long-form name (<c>Fn::Sub</c>) of a short-form tag.</summary>
    Synthetic,
}

/// <summary>
/// A node of a positioned YAML/JSON syntax tree. Every node knows its file and its span; short-form
/// CloudFormation tags (<c>!Sub x</c>) are represented exactly like their long form (<c>{Fn::Sub: x}</c>).
/// </summary>
public abstract class SyntaxNode
{
    private protected SyntaxNode(SyntaxTree tree, TextSpan span, string? tag)
    {
        tree.CountNode();
        Tree = tree;
        Span = span;
        Tag = tag;
    }

    /// <summary>The tree (and file) the node belongs to.</summary>
    public SyntaxTree Tree { get; }

    /// <summary>Offsets covered: a scalar from its first character (opening quote, or tag) to just past its end;
    /// a block collection from its first to its last child; a flow collection including its brackets.</summary>
    public TextSpan Span { get; }

    /// <summary>The node's explicit YAML tag as resolved by the parser (for example <c>tag:yaml.org,2002:str</c>),
    /// or null. Short-form CloudFormation tags are not kept here: they became intrinsic-function mappings.</summary>
    public string? Tag { get; }

    /// <summary>The kind of node.</summary>
    public abstract SyntaxNodeKind Kind { get; }

    /// <summary>Number of nodes in this subtree, aliases counted as one node each.</summary>
    public int SubtreeSize { get; private protected set; } = 1;

    /// <summary>
    /// What reading this whole subtree costs through YAML aliases (docs/conventions.md#c16): for each alias written in it, the
    /// <see cref="SubtreeSize"/> of the node it names plus that node's own <see cref="ExpansionCost"/>; 0 without
    /// aliases. Saturates at <see cref="long.MaxValue"/> (an alias bomb is astronomically large, never negative).
    /// </summary>
    public long ExpansionCost { get; private protected set; }

    /// <summary>Where the node starts and ends.</summary>
    public Location Location => new(Tree.Source, Span);

    /// <summary>The empty location at the node's first character.</summary>
    public Location StartLocation => new(Tree.Source, TextSpan.Empty(Span.Start));

    /// <summary>The node itself, or for an alias the node its anchor names. Never throws and costs nothing: the alias
    /// budget is checked once, when a file is bound (<see cref="AliasBudget"/>).</summary>
    public virtual SyntaxNode Resolve() => this;

    /// <summary><paramref name="a"/> + <paramref name="b"/> for non-negative counts, saturating at <see cref="long.MaxValue"/>.</summary>
    internal static long AddSaturating(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary>The node as a scalar after following aliases, or null.</summary>
    public ScalarNode? AsScalar() => Resolve() as ScalarNode;

    /// <summary>The node as a mapping after following aliases, or null.</summary>
    public MappingNode? AsMapping() => Resolve() as MappingNode;

    /// <summary>The node as a sequence after following aliases, or null.</summary>
    public SequenceNode? AsSequence() => Resolve() as SequenceNode;
}

/// <summary>A scalar value. <see cref="Value"/> is the text after YAML/JSON unescaping; nothing is typed.</summary>
public sealed class ScalarNode : SyntaxNode
{
    internal ScalarNode(SyntaxTree tree, TextSpan span, string value, ScalarStyle style, string? tag = null)
        : base(tree, span, tag)
    {
        Value = value;
        Style = style;
    }

    /// <inheritdoc />
    public override SyntaxNodeKind Kind => SyntaxNodeKind.Scalar;

    /// <summary>The scalar's text (unescaped, folded as YAML defines; CR never part of a line).</summary>
    public string Value { get; }

    /// <summary>How the scalar was written.</summary>
    public ScalarStyle Style { get; }

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

/// <summary>The source span of each character of a scalar's value (<see cref="ScalarNode.GetSourceMap"/>).</summary>
public sealed class ScalarSourceMap
{
    private readonly (int Start, int End)[] _map;

    internal ScalarSourceMap((int Start, int End)[] map) => _map = map;

    /// <summary>The number of characters mapped (the value's length).</summary>
    public int Length => _map.Length;

    /// <summary>The source span of the <paramref name="length"/> characters of the value that start at
    /// <paramref name="start"/> (UTF-16 indexes); false for an empty or out-of-range range. Constant time.</summary>
    public bool TryGetSpan(int start, int length, out TextSpan span)
    {
        span = default;
        if (length <= 0 || start < 0 || start + length > _map.Length)
            return false;
        span = new TextSpan(_map[start].Start, _map[start + length - 1].End);
        return true;
    }
}

/// <summary>An alias <c>*name</c>: a reference to an earlier anchored node, never copied into the tree (docs/conventions.md#c16).</summary>
public sealed class AliasNode : SyntaxNode
{
    internal AliasNode(SyntaxTree tree, TextSpan span, string name, SyntaxNode target)
        : base(tree, span, null)
    {
        Name = name;
        Target = target;
        ExpansionCost = AddSaturating(target.SubtreeSize, target.ExpansionCost);
    }

    /// <inheritdoc />
    public override SyntaxNodeKind Kind => SyntaxNodeKind.Alias;

    /// <summary>The anchor name.</summary>
    public string Name { get; }

    /// <summary>The anchored node (never itself an alias).</summary>
    public SyntaxNode Target { get; }

    /// <inheritdoc />
    public override SyntaxNode Resolve() => Target;
}

/// <summary>A sequence (YAML sequence, JSON array).</summary>
public sealed class SequenceNode : SyntaxNode
{
    internal SequenceNode(SyntaxTree tree, TextSpan span, IReadOnlyList<SyntaxNode> items, bool isFlow, string? tag = null)
        : base(tree, span, tag)
    {
        Items = items;
        IsFlow = isFlow;
        var size = 1;
        long cost = 0;
        foreach (var item in items)
        {
            size += item.SubtreeSize;
            cost = AddSaturating(cost, item.ExpansionCost);
        }

        SubtreeSize = size;
        ExpansionCost = cost;
    }

    /// <inheritdoc />
    public override SyntaxNodeKind Kind => SyntaxNodeKind.Sequence;

    /// <summary>The items as written, in order; an item may be an <see cref="AliasNode"/>.</summary>
    public IReadOnlyList<SyntaxNode> Items { get; }

    /// <summary>Whether written in flow style (<c>[a, b]</c>) or as JSON.</summary>
    public bool IsFlow { get; }

    /// <summary>Number of items.</summary>
    public int Count => Items.Count;

    /// <summary>Item <paramref name="index"/>, aliases followed.</summary>
    public SyntaxNode this[int index] => Items[index].Resolve();
}
