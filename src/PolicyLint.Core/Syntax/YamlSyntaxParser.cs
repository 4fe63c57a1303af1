using System.Globalization;
using PolicyLint.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace PolicyLint.Core.Syntax;

/// <summary>
/// Builds a positioned <see cref="SyntaxTree"/> from YAML with YamlDotNet's event parser (no object model,
/// no recursion: nesting is bounded only by <see cref="ParseLimits.MaxDepth"/>).
/// </summary>
/// <remarks>
/// Short-form CloudFormation tags become the long form: <c>!Sub x</c> is a one-entry mapping whose key
/// <c>Fn::Sub</c> is located at the tag and whose value is <c>x</c> without the tag. Aliases are kept as
/// <see cref="AliasNode"/> references (docs/conventions.md#c16). Positions come from YamlDotNet's character index, mapped through
/// <see cref="SourceText"/>; the two positions it gets wrong (tab indentation, end of stream) are corrected (docs/conventions.md#c2).
/// </remarks>
public static class YamlSyntaxParser
{
    /// <summary>Parses <paramref name="source"/>. Never throws on bad input: problems are in <see cref="SyntaxTree.Problems"/>.</summary>
    /// <remarks>YamlDotNet rejects a literal block scalar whose leading empty lines hold spaces even when YAML 1.2
    /// allows them (aaubry/YamlDotNet#523, #535; see <see cref="BlockScalarLeadingSpaces"/>): the scanner is then run
    /// again on a copy of the text with those spaces removed, and its positions are mapped back, so every node keeps
    /// its place in the file and every value is the one the YAML specification gives.</remarks>
    public static SyntaxTree Parse(SourceText source, ParseLimits? limits = null)
    {
        var workaround = new BlockScalarLeadingSpaces(source.Text);
        while (true)
        {
            var tree = new SyntaxTree(source, SourceFormat.Yaml, limits ?? ParseLimits.Default);
            if (!new Builder(tree, workaround).Run())
                return tree;
        }
    }

    /// <summary>An open collection. Frames are reused (<see cref="Scratch"/>): a parse creates as many as the file
    /// nests deep, not one per collection (issue 15: they were 5 % of what the parse allocated on the SAM corpus).</summary>
    private sealed class Frame
    {
        // Lists kept up to this capacity when the frame is reused; a larger one is let go with the file.
        private const int KeptCapacity = 256;

        // Copied to an array of the exact size when the node is built: a collection keeps no spare capacity, and a
        // mapping no list of items (docs/conventions.md#c16: memory is linear in the nodes).
        private List<SyntaxNode> _items = [];
        private List<MappingEntry> _entries = [];

        public ParsingEvent Start { get; private set; } = null!;
        public bool IsMapping { get; private set; }
        public bool IsFlow { get; private set; }
        public string? Tag { get; private set; }
        public string? Anchor { get; private set; }
        public List<SyntaxNode> Items => _items;
        public List<MappingEntry> Entries => _entries;
        public int ItemCount => _items.Count;
        public int EntryCount => _entries.Count;
        public SyntaxNode[] ItemArray() => _items.Count == 0 ? [] : [.. _items];
        public MappingEntry[] EntryArray() => _entries.Count == 0 ? [] : [.. _entries];
        public SyntaxNode? PendingKey { get; set; }
        public Dictionary<string, SyntaxNode>? KeyIndex { get; set; }
        public List<int>? DuplicateKeyProblems { get; set; }

        /// <summary>Frames created on this thread (a count for tests: bounded by the nesting depth).</summary>
        [ThreadStatic]
        internal static int t_created;

        public Frame() => t_created++;

        public void Open(ParsingEvent start, bool isMapping, bool isFlow, string? tag, string? anchor)
        {
            Start = start;
            IsMapping = isMapping;
            IsFlow = isFlow;
            Tag = tag;
            Anchor = anchor;
        }

        /// <summary>Forgets the collection (no node or event stays reachable from a free frame).</summary>
        public void Clear()
        {
            Start = null!;
            Tag = null;
            Anchor = null;
            PendingKey = null;
            KeyIndex = null;
            DuplicateKeyProblems = null;
            if (_items.Capacity > KeptCapacity)
                _items = [];
            else
                _items.Clear();
            if (_entries.Capacity > KeptCapacity)
                _entries = [];
            else
                _entries.Clear();
        }
    }

    /// <summary>What one parse uses and the next parse on the same thread can reuse: free frames and the scalar table.
    /// Taken for a run and given back cleared, so nothing of a file stays reachable from it.</summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? t_cached;

        public Stack<Frame> FreeFrames { get; } = new();

        public ScalarValueTable Values { get; } = new();

        public static Scratch Take()
        {
            var scratch = t_cached ?? new Scratch();
            t_cached = null;
            return scratch;
        }

        public static void GiveBack(Scratch scratch)
        {
            scratch.Values.Clear();
            t_cached = scratch;
        }
    }

    /// <summary>Frames created on this thread so far (for tests).</summary>
    internal static int FramesCreatedOnThisThread => Frame.t_created;

    private sealed class Builder(SyntaxTree tree, BlockScalarLeadingSpaces workaround)
    {
        private readonly SourceText _source = tree.Source;
        private readonly Stack<Frame> _stack = new();
        private readonly Dictionary<string, SyntaxNode> _anchors = new(StringComparer.Ordinal);
        private ScalarValueTable _values = null!;
        private Stack<Frame> _freeFrames = null!;
        private SyntaxNode? _documentRoot;
        private bool _documentHasRoot;
        private int _writtenNodes;

        /// <summary>Builds the tree; true when the text must be scanned again with one more block scalar's leading
        /// spaces removed (the tree is then incomplete and is thrown away).</summary>
        public bool Run()
        {
            var scanner = new Scanner(new StringReader(workaround.ScannedText));
            var parser = new Parser(scanner);
            var scratch = Scratch.Take();
            _values = scratch.Values;
            _freeFrames = scratch.FreeFrames;
            try
            {
                while (parser.MoveNext())
                {
                    if (!Handle(parser.Current!))
                        return false;
                }
            }
            catch (SemanticErrorException ex) when (workaround.TryRemove(ex, Index(ex.Start), Index(ex.End)))
            {
                return true;
            }
            catch (YamlException ex)
            {
                tree.AddProblem(TranslateError(ex));
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException)
            {
                // YamlDotNet should only throw YamlException (it throws InvalidOperationException on some unclosed flow
                // collections); anything else is still bad input, never a crash: locate it where the scanner stopped.
                tree.AddProblem(TranslateUnexpected(ex, Index(scanner.CurrentPosition)));
            }
            finally
            {
                Scratch.GiveBack(scratch);
            }

            return false;
        }

        private int Index(Mark mark) => workaround.ToSourceIndex((int)Math.Min(mark.Index, int.MaxValue));

        private bool Handle(ParsingEvent e)
        {
            if (e is Scalar or AnchorAlias or MappingStart or SequenceStart && ++_writtenNodes > tree.Limits.MaxNodes)
            {
                var at = Index(e.Start);
                tree.AddProblem(new SyntaxProblem(SyntaxProblemKind.LimitExceeded, new Location(_source, new TextSpan(at, Math.Min(at + 1, _source.Text.Length))),
                    FormattableString.Invariant($"The file holds more than the limit of {tree.Limits.MaxNodes:N0} nodes (mappings, sequences and scalars)")));
                return false;
            }

            switch (e)
            {
                case DocumentStart:
                    _documentRoot = null;
                    _documentHasRoot = false;
                    _anchors.Clear();
                    return true;
                case DocumentEnd:
                    tree.AddDocument(_documentHasRoot && _documentRoot is not ScalarNode { IsNull: true } ? _documentRoot : null);
                    return true;
                case Scalar scalar:
                    return Add(BuildScalar(scalar), scalar.Anchor);
                case AnchorAlias alias:
                {
                    var span = new TextSpan(Index(alias.Start), Index(alias.End));
                    if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        tree.AddProblem(new SyntaxProblem(SyntaxProblemKind.SyntaxError, new Location(_source, new TextSpan(span.Start, span.Start + 1)),
                            $"Invalid YAML: alias '*{alias.Value.Value}' names no anchor defined before it"));
                        return false;
                    }

                    return Add(new AliasNode(tree, span, alias.Value.Value, target), default);
                }

                case MappingStart start:
                    return Push(start, isMapping: true, start.Style == MappingStyle.Flow, start.Tag, start.Anchor);
                case SequenceStart start:
                    return Push(start, isMapping: false, start.Style == SequenceStyle.Flow, start.Tag, start.Anchor);
                case MappingEnd or SequenceEnd:
                    return Pop(e);
                default:
                    return true;
            }
        }

        private bool Push(ParsingEvent start, bool isMapping, bool isFlow, TagName tag, AnchorName anchor)
        {
            if (_stack.Count + 1 > tree.Limits.MaxDepth)
            {
                tree.AddProblem(new SyntaxProblem(SyntaxProblemKind.LimitExceeded, new Location(_source, new TextSpan(Index(start.Start), Index(start.Start) + 1)),
                    FormattableString.Invariant($"Nesting is deeper than the limit of {tree.Limits.MaxDepth:N0} levels")));
                return false;
            }

            var frame = _freeFrames.Count > 0 ? _freeFrames.Pop() : new Frame();
            frame.Open(start, isMapping, isFlow, tag.IsEmpty ? null : tag.Value, anchor.IsEmpty ? null : anchor.Value);
            _stack.Push(frame);
            return true;
        }

        private bool Pop(ParsingEvent end)
        {
            var frame = _stack.Pop();
            var startIndex = Index(frame.Start.Start);
            var valueStart = frame.Tag is null && frame.Anchor is null ? startIndex : SkipProperties(startIndex, int.MaxValue);
            int endIndex;
            if (frame.IsFlow)
            {
                // YamlDotNet marks the end of a flow collection at its closing bracket, not past it.
                var close = Index(end.Start);
                endIndex = close < _source.Text.Length && _source.Text[close] is ']' or '}' ? close + 1 : Index(end.End);
            }
            else
            {
                var last = frame.IsMapping
                    ? (frame.EntryCount > 0 ? frame.Entries[^1].RawValue : null)
                    : (frame.ItemCount > 0 ? frame.Items[^1] : null);
                endIndex = last is null ? valueStart : Math.Max(valueStart, last.Span.End);
            }

            var (longName, keptTag) = ClassifyTag(frame.Tag);
            SyntaxNode node = frame.IsMapping
                ? new MappingNode(tree, new TextSpan(valueStart, endIndex), frame.EntryArray(), frame.IsFlow, keptTag)
                : new SequenceNode(tree, new TextSpan(valueStart, endIndex), frame.ItemArray(), frame.IsFlow, keptTag);
            if (node is MappingNode mapping && frame.DuplicateKeyProblems is { } duplicates)
            {
                foreach (var index in duplicates)
                    tree.SetProblemParent(index, mapping);
            }

            if (longName is not null)
                node = WrapShortForm(longName, startIndex, node);
            var anchor = frame.Anchor is null ? default : new AnchorName(frame.Anchor);
            frame.Clear();
            _freeFrames.Push(frame);
            return Add(node, anchor);
        }

        private ScalarNode BuildScalarValue(Scalar scalar, out int startIndex, out string? tag)
        {
            startIndex = Index(scalar.Start);
            tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
            var valueStart = tag is null && scalar.Anchor.IsEmpty ? startIndex : SkipProperties(startIndex, Index(scalar.End));
            var style = scalar.Style switch
            {
                YamlScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
                YamlScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
                YamlScalarStyle.Literal => ScalarStyle.Literal,
                YamlScalarStyle.Folded => ScalarStyle.Folded,
                _ => ScalarStyle.Plain,
            };
            var (_, keptTag) = ClassifyTag(tag);
            // An empty value after a tag at the end of the file (`!` then a line break) starts past the last line: keep
            // every node on lines the file has (docs/conventions.md#c2).
            valueStart = Math.Min(valueStart, Math.Max(startIndex, _source.EndOfContent));
            var end = Math.Max(valueStart, Math.Min(Index(scalar.End), Math.Max(valueStart, _source.EndOfContent)));
            return new ScalarNode(tree, new TextSpan(valueStart, end), _values.Share(scalar.Value), style, keptTag);
        }

        private SyntaxNode BuildScalar(Scalar scalar)
        {
            var value = BuildScalarValue(scalar, out var startIndex, out var tag);
            var (longName, _) = ClassifyTag(tag);
            return longName is null ? value : WrapShortForm(longName, startIndex, value);
        }

        private MappingNode WrapShortForm(string longName, int nodeStart, SyntaxNode value)
        {
            var tagEnd = TokenEnd(SkipAnchor(nodeStart));
            var tagStart = SkipAnchor(nodeStart);
            var key = new ScalarNode(tree, new TextSpan(tagStart, tagEnd), longName, ScalarStyle.Synthetic);
            return new MappingNode(tree, new TextSpan(tagStart, Math.Max(tagEnd, value.Span.End)), [new MappingEntry(key, value)], isFlow: false, isShortFormIntrinsic: true);
        }

        /// <summary>Splits a tag into the long-form intrinsic name it stands for, or the tag to keep on the node.
        /// Other tags (a pre-processor's <c>!Rain::Embed</c>, a macro's) stay on the node: its value is then unknown
        /// to the resolver, which is reported only where a rule reads it.</summary>
        private static (string? LongName, string? KeptTag) ClassifyTag(string? tag) =>
            tag is null ? (null, null)
            : ShortFormTags.GetLongName(tag) is { } longName ? (longName, null)
            : (null, tag);

        private bool Add(SyntaxNode node, AnchorName anchor)
        {
            if (!anchor.IsEmpty)
                _anchors[anchor.Value] = node is AliasNode alias ? alias.Target : node;

            if (_stack.Count == 0)
            {
                _documentRoot = node;
                _documentHasRoot = true;
                return true;
            }

            var frame = _stack.Peek();
            if (!frame.IsMapping)
            {
                frame.Items.Add(node);
                return true;
            }

            if (frame.PendingKey is null)
            {
                // `*name :` is the anchored scalar's value, located at the alias (docs/conventions.md#c16): a key looked up
                // by its text (`Resources`, `Tags`, a logical ID) must not hide behind an alias.
                frame.PendingKey = node is AliasNode { Target: ScalarNode anchored } alias ? anchored.WithGeneratedValue(anchored.Value, alias.Span) : node;
                return true;
            }

            var key = frame.PendingKey;
            frame.PendingKey = null;
            CheckDuplicate(frame, key);
            frame.Entries.Add(new MappingEntry(key, node));
            return true;
        }

        private void CheckDuplicate(Frame frame, SyntaxNode key)
        {
            if (key is not ScalarNode { } scalar)
                return;
            if (scalar is { Value: MappingNode.MergeKeyText, IsUnquoted: true })
                return;

            SyntaxNode? first = null;
            if (frame.KeyIndex is not null)
                frame.KeyIndex.TryGetValue(scalar.Value, out first);
            else
            {
                foreach (var entry in frame.Entries)
                {
                    if (entry.Key is ScalarNode other && string.Equals(other.Value, scalar.Value, StringComparison.Ordinal))
                    {
                        first = other;
                        break;
                    }
                }

                if (frame.Entries.Count >= 8)
                {
                    frame.KeyIndex = new Dictionary<string, SyntaxNode>(StringComparer.Ordinal);
                    foreach (var entry in frame.Entries)
                    {
                        if (entry.Key is ScalarNode k)
                            frame.KeyIndex.TryAdd(k.Value, k);
                    }
                }
            }

            if (first is null)
            {
                frame.KeyIndex?.TryAdd(scalar.Value, scalar);
                return;
            }

            var firstLine = _source.GetPosition(first.Span.Start).Line;
            (frame.DuplicateKeyProblems ??= []).Add(tree.Problems.Count);
            tree.AddProblem(new SyntaxProblem(SyntaxProblemKind.DuplicateKey, scalar.Location,
                string.Create(CultureInfo.InvariantCulture, $"Duplicate key '{scalar.Value}' (first defined at line {firstLine})")));
        }

        // Node properties (anchor, tag) precede the content: skip them, then white space and comments.
        private int SkipProperties(int index, int limit)
        {
            var text = _source.Text;
            var i = index;
            while (i < text.Length && (text[i] == '!' || text[i] == '&'))
            {
                i = TokenEnd(i);
                i = SkipSpace(i);
            }

            return Math.Min(i, Math.Max(index, limit));
        }

        private int SkipAnchor(int index)
        {
            var text = _source.Text;
            var i = index;
            while (i < text.Length && text[i] == '&')
                i = SkipSpace(TokenEnd(i));
            return i;
        }

        private int SkipSpace(int i)
        {
            var text = _source.Text;
            while (i < text.Length)
            {
                var c = text[i];
                if (c is ' ' or '\t' or '\r' or '\n')
                    i++;
                else if (c == '#')
                {
                    while (i < text.Length && text[i] is not '\r' and not '\n')
                        i++;
                }
                else
                    break;
            }

            return i;
        }

        private int TokenEnd(int i)
        {
            var text = _source.Text;
            while (i < text.Length && text[i] is not (' ' or '\t' or '\r' or '\n' or ',' or '[' or ']' or '{' or '}'))
                i++;
            return i;
        }

        private SyntaxProblem TranslateError(YamlException ex)
        {
            var offset = Math.Clamp(Index(ex.Start), 0, _source.Text.Length);
            var atEnd = offset >= _source.EndOfContent && Index(ex.Start) >= _source.Text.Length;
            var raw = ex.Message;
            string message;

            if (raw.Contains("tab", StringComparison.OrdinalIgnoreCase) && FindIndentationTab(offset) is { } tab)
            {
                offset = tab;
                message = "Invalid YAML: a tab character is used as indentation (YAML indents with spaces only)";
            }
            else if (raw.Contains("did not find expected '-' indicator", StringComparison.Ordinal) && OpenCollection(mapping: false) is { } sequence)
                message = $"Invalid YAML: the block sequence started at {Position(sequence)} continues with a mapping key where a '-' item was expected";
            else if (raw.Contains("While parsing a flow mapping", StringComparison.Ordinal) && OpenCollection(mapping: true) is { } flowMap)
                message = atEnd
                    ? $"Invalid YAML: the file ends inside the flow mapping opened at {Position(flowMap)} (expected ',' or '}}')"
                    : $"Invalid YAML: the flow mapping opened at {Position(flowMap)} is not closed (expected ',' or '}}')";
            else if (raw.Contains("While parsing a flow sequence", StringComparison.Ordinal) && OpenCollection(mapping: false) is { } flowSeq)
                message = atEnd
                    ? $"Invalid YAML: the file ends inside the flow sequence opened at {Position(flowSeq)} (expected ',' or ']')"
                    : $"Invalid YAML: the flow sequence opened at {Position(flowSeq)} is not closed (expected ',' or ']')";
            else if (raw.Contains("multiline plain scalar, found invalid mapping", StringComparison.Ordinal))
                message = "Invalid YAML: found a mapping value ':' inside a multi-line plain scalar (the lines above it are read as one unquoted text)";
            else if (raw.Contains("Mapping values are not allowed in this context", StringComparison.Ordinal))
                message = "Invalid YAML: a mapping value ':' is not allowed here";
            else
                message = $"Invalid YAML: {Sentence(raw)}";

            if (atEnd || offset > _source.EndOfContent)
                offset = _source.EndOfContent;
            var span = atEnd ? TextSpan.Empty(offset) : _source.ErrorSpan(offset);
            return new SyntaxProblem(SyntaxProblemKind.SyntaxError, new Location(_source, span), message);
        }

        private SyntaxProblem TranslateUnexpected(Exception ex, int scannerOffset)
        {
            var offset = Math.Clamp(scannerOffset, 0, _source.EndOfContent);
            var flow = _stack.FirstOrDefault(f => f.IsFlow);
            var message = flow is null
                ? $"Invalid YAML: {Sentence(ex.Message)}"
                : $"Invalid YAML: the flow {(flow.IsMapping ? "mapping" : "sequence")} opened at {Position(flow)} is not closed (expected ',' or '{(flow.IsMapping ? '}' : ']')}')";
            return new SyntaxProblem(SyntaxProblemKind.SyntaxError, new Location(_source, _source.ErrorSpan(offset)), message);
        }

        private Frame? OpenCollection(bool mapping)
        {
            foreach (var frame in _stack)
            {
                if (frame.IsMapping == mapping)
                    return frame;
            }

            return null;
        }

        private string Position(Frame frame)
        {
            var start = frame.Tag is null && frame.Anchor is null ? Index(frame.Start.Start) : SkipProperties(Index(frame.Start.Start), int.MaxValue);
            return _source.GetPosition(start).ToString();
        }

        private int? FindIndentationTab(int offset)
        {
            var text = _source.Text;
            var line = _source.GetPosition(offset).Line;
            for (; line <= _source.LineCount; line++)
            {
                var i = _source.GetLineStart(line);
                while (i < text.Length && text[i] is ' ' or '\t')
                {
                    if (text[i] == '\t')
                        return i;
                    i++;
                }
            }

            return null;
        }
    }

    /// <summary>Lower-cases the first letter and removes the final period of a library message.</summary>
    internal static string Sentence(string message)
    {
        message = message.Trim();
        if (message.EndsWith('.'))
            message = message[..^1];
        return message.Length > 1 && char.IsUpper(message[0]) && !char.IsUpper(message[1])
            ? char.ToLowerInvariant(message[0]) + message[1..]
            : message;
    }
}
