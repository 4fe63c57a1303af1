using System.Globalization;
using System.Text;
using System.Text.Json;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Syntax;

/// <summary>
/// Builds a positioned <see cref="SyntaxTree"/> from JSON with System.Text.Json's <see cref="Utf8JsonReader"/>:
/// tabs and any JSON white space are accepted, numbers keep their text, nesting is bounded only by
/// <see cref="ParseLimits.MaxDepth"/>. Byte offsets are mapped to UTF-16 offsets of the <see cref="SourceText"/>.
/// A syntax error is found and worded by <see cref="JsonErrorScanner"/>, never with the reader's own message.
/// </summary>
public static class JsonSyntaxParser
{
    /// <summary>Parses <paramref name="source"/> (UTF-8 re-encoded from its text). Never throws on bad input.</summary>
    public static SyntaxTree Parse(SourceText source, ParseLimits? limits = null) => Parse(source, limits, multipleDocuments: false);

    /// <summary>Parses <paramref name="source"/>, which may hold several JSON values one after another (white space
    /// between them, or none: <c>{…}{…}</c>), each a document of the tree in text order, as the pages of a paginated
    /// AWS CLI command appended to one file are. An empty text has no document. Never throws on bad input; a syntax
    /// error keeps the documents completed before it.</summary>
    public static SyntaxTree ParseSequence(SourceText source, ParseLimits? limits = null) => Parse(source, limits, multipleDocuments: true);

    private static SyntaxTree Parse(SourceText source, ParseLimits? limits, bool multipleDocuments)
    {
        var tree = new SyntaxTree(source, SourceFormat.Json, limits ?? ParseLimits.Default);
        var bytes = Encoding.UTF8.GetBytes(source.Text);
        new Builder(tree, bytes, multipleDocuments).Run();
        return tree;
    }

    private sealed class Frame(bool isMapping, int start)
    {
        public bool IsMapping { get; } = isMapping;
        public int Start { get; } = start;
        // Created on first use, and copied to an array of the exact size when the node is built (see YamlSyntaxParser).
        private List<SyntaxNode>? _items;
        private List<MappingEntry>? _entries;

        public List<SyntaxNode> Items => _items ??= [];
        public List<MappingEntry> Entries => _entries ??= [];
        public SyntaxNode[] ItemArray() => _items is null ? [] : [.. _items];
        public MappingEntry[] EntryArray() => _entries is null ? [] : [.. _entries];
        public ScalarNode? PendingKey { get; set; }
        public Dictionary<string, ScalarNode>? KeyIndex { get; set; }
        public List<int>? DuplicateKeyProblems { get; set; }
    }

    private sealed class Builder(SyntaxTree tree, byte[] bytes, bool multipleDocuments)
    {
        private readonly SourceText _source = tree.Source;
        private readonly Stack<Frame> _stack = new();
        private readonly ScalarValueTable _values = new();
        private int _mappedByte;
        private int _mappedChar;
        private int _lastEnd;
        private JsonTokenType _lastToken = JsonTokenType.None;
        private int _writtenNodes;

        public void Run()
        {
            var options = new JsonReaderOptions
            {
                CommentHandling = JsonCommentHandling.Disallow,
                AllowTrailingCommas = false,
                MaxDepth = tree.Limits.MaxDepth + 1,
                AllowMultipleValues = multipleDocuments,
            };
            var reader = new Utf8JsonReader(bytes, options);
            SyntaxNode? root = null;
            try
            {
                while (reader.Read())
                {
                    _lastEnd = (int)reader.BytesConsumed;
                    _lastToken = reader.TokenType;
                    var start = CharOffset((int)reader.TokenStartIndex);
                    if (reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray or JsonTokenType.Comment) && ++_writtenNodes > tree.Limits.MaxNodes)
                    {
                        tree.AddProblem(new SyntaxProblem(SyntaxProblemKind.LimitExceeded, new Location(_source, new TextSpan(start, Math.Min(start + 1, _source.Text.Length))),
                            FormattableString.Invariant($"The file holds more than the limit of {tree.Limits.MaxNodes:N0} nodes (mappings, sequences and scalars)")));
                        return;
                    }

                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartObject:
                        case JsonTokenType.StartArray:
                            if (_stack.Count + 1 > tree.Limits.MaxDepth)
                            {
                                tree.AddProblem(new SyntaxProblem(SyntaxProblemKind.LimitExceeded, new Location(_source, new TextSpan(start, start + 1)),
                                    FormattableString.Invariant($"Nesting is deeper than the limit of {tree.Limits.MaxDepth:N0} levels")));
                                return;
                            }

                            _stack.Push(new Frame(reader.TokenType == JsonTokenType.StartObject, start));
                            break;
                        case JsonTokenType.EndObject:
                        case JsonTokenType.EndArray:
                        {
                            var frame = _stack.Pop();
                            var span = new TextSpan(frame.Start, CharOffset((int)reader.BytesConsumed));
                            SyntaxNode node = frame.IsMapping
                                ? new MappingNode(tree, span, frame.EntryArray(), isFlow: true)
                                : new SequenceNode(tree, span, frame.ItemArray(), isFlow: true);
                            foreach (var index in frame.DuplicateKeyProblems ?? [])
                                tree.SetProblemParent(index, (MappingNode)node);
                            root = Add(node) ?? root;
                            break;
                        }

                        case JsonTokenType.PropertyName:
                        {
                            var key = new ScalarNode(tree, new TextSpan(start, StringEnd(reader)), _values.Share(reader.GetString()!), ScalarStyle.JsonString);
                            var frame = _stack.Peek();
                            CheckDuplicate(frame, key);
                            frame.PendingKey = key;
                            break;
                        }

                        case JsonTokenType.String:
                            root = Add(new ScalarNode(tree, new TextSpan(start, StringEnd(reader)), _values.Share(reader.GetString()!), ScalarStyle.JsonString)) ?? root;
                            break;
                        case JsonTokenType.Number:
                        case JsonTokenType.True:
                        case JsonTokenType.False:
                        case JsonTokenType.Null:
                        {
                            var text = _values.Share(Encoding.UTF8.GetString(reader.ValueSpan));
                            var style = reader.TokenType == JsonTokenType.Number ? ScalarStyle.JsonNumber : ScalarStyle.JsonLiteral;
                            root = Add(new ScalarNode(tree, new TextSpan(start, CharOffset((int)reader.BytesConsumed)), text, style)) ?? root;
                            break;
                        }
                    }
                }

                if (!multipleDocuments)
                    tree.AddDocument(root is ScalarNode { IsNull: true } ? null : root);
            }
            catch (JsonException ex)
            {
                tree.AddProblem(Translate(ex));
            }
            catch (InvalidOperationException)
            {
                // The reader accepts an escaped half of a surrogate pair; GetString cannot decode it.
                var quote = CharOffset((int)Math.Min(reader.TokenStartIndex, bytes.Length));
                var (span, message) = JsonErrorScanner.FindLoneSurrogate(_source, quote)
                    ?? (_source.ErrorSpan(quote), "a string that cannot be decoded (it holds an invalid escape sequence)");
                tree.AddProblem(new SyntaxProblem(SyntaxProblemKind.SyntaxError, new Location(_source, span), $"Invalid JSON: {message}"));
            }
        }

        /// <summary>The UTF-16 offset just past the closing quote of the current string token. (After a property name,
        /// <c>BytesConsumed</c> is past the ':' as well, so it cannot end a key's span.)</summary>
        private int StringEnd(in Utf8JsonReader reader) => CharOffset((int)reader.TokenStartIndex + reader.ValueSpan.Length + 2);

        /// <summary>Adds a completed node to its parent; returns it when it is the document root.</summary>
        private SyntaxNode? Add(SyntaxNode node)
        {
            if (_stack.Count == 0 && multipleDocuments)
            {
                tree.AddDocument(node);
                return node;
            }

            if (_stack.Count == 0)
                return node;
            var frame = _stack.Peek();
            if (frame.IsMapping)
            {
                frame.Entries.Add(new MappingEntry(frame.PendingKey!, node));
                frame.PendingKey = null;
            }
            else
                frame.Items.Add(node);
            return null;
        }

        private void CheckDuplicate(Frame frame, ScalarNode key)
        {
            ScalarNode? first = null;
            if (frame.KeyIndex is null && frame.Entries.Count < 8)
            {
                foreach (var entry in frame.Entries)
                {
                    if (entry.Key is ScalarNode other && string.Equals(other.Value, key.Value, StringComparison.Ordinal))
                    {
                        first = other;
                        break;
                    }
                }
            }
            else
            {
                if (frame.KeyIndex is null)
                {
                    frame.KeyIndex = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
                    foreach (var entry in frame.Entries)
                        frame.KeyIndex.TryAdd(((ScalarNode)entry.Key).Value, (ScalarNode)entry.Key);
                }

                if (!frame.KeyIndex.TryGetValue(key.Value, out first))
                    frame.KeyIndex.Add(key.Value, key);
            }

            if (first is null)
                return;
            var line = _source.GetPosition(first.Span.Start).Line;
            (frame.DuplicateKeyProblems ??= []).Add(tree.Problems.Count);
            tree.AddProblem(new SyntaxProblem(SyntaxProblemKind.DuplicateKey, key.Location,
                string.Create(CultureInfo.InvariantCulture, $"Duplicate key '{key.Value}' (first defined at line {line})")));
        }

        /// <summary>The first syntax error after the last token the reader accepted, worded by <see cref="JsonErrorScanner"/>;
        /// the reader's own position only if that scan finds none (the two disagree).</summary>
        private SyntaxProblem Translate(JsonException ex)
        {
            var start = CharOffset(_lastEnd);
            var open = _stack.Reverse().Select(f => new JsonErrorScanner.Container(f.IsMapping, f.Start, KeyOf(f)));
            var expect = _lastToken switch
            {
                JsonTokenType.None => JsonErrorScanner.Expect.RootValue,
                JsonTokenType.StartObject => JsonErrorScanner.Expect.FirstKey,
                JsonTokenType.StartArray => JsonErrorScanner.Expect.FirstItem,
                JsonTokenType.PropertyName => JsonErrorScanner.Expect.Value, // the reader consumes the ':' with the name
                _ when _stack.Count == 0 && multipleDocuments => JsonErrorScanner.Expect.RootValue,
                _ when _stack.Count == 0 => JsonErrorScanner.Expect.End,
                _ => _stack.Peek().IsMapping ? JsonErrorScanner.Expect.AfterMember : JsonErrorScanner.Expect.AfterItem,
            };
            if (JsonErrorScanner.Find(_source, start, open, expect) is { } found)
                return new SyntaxProblem(SyntaxProblemKind.SyntaxError, new Location(_source, found.Span), $"Invalid JSON: {found.Message}");

            var byteOffset = bytes.Length;
            if (ex.LineNumber is { } line && ex.BytePositionInLine is { } column)
                byteOffset = (int)Math.Min(bytes.Length, ByteLineStart((int)line) + column);
            var offset = CharOffset(byteOffset);
            var span = byteOffset >= bytes.Length || offset >= _source.EndOfContent ? TextSpan.Empty(_source.EndOfContent) : _source.ErrorSpan(offset);
            return new SyntaxProblem(SyntaxProblemKind.SyntaxError, new Location(_source, span), "Invalid JSON: the text cannot be read as JSON here");
        }

        private static string? KeyOf(Frame frame) =>
            (frame.PendingKey ?? (frame.Entries.Count > 0 ? frame.Entries[^1].Key as ScalarNode : null))?.Value is { } key
                ? JsonErrorScanner.Shown(key)
                : null;

        // Utf8JsonReader counts lines by '\n' only.
        private int ByteLineStart(int zeroBasedLine)
        {
            var start = 0;
            for (var l = 0; l < zeroBasedLine && start < bytes.Length; l++)
            {
                var next = Array.IndexOf(bytes, (byte)'\n', start);
                if (next < 0)
                    return bytes.Length;
                start = next + 1;
            }

            return start;
        }

        /// <summary>Maps a UTF-8 byte offset to a UTF-16 offset; amortised O(1) for increasing offsets.</summary>
        private int CharOffset(int byteOffset)
        {
            byteOffset = Math.Clamp(byteOffset, 0, bytes.Length);
            if (byteOffset < _mappedByte)
            {
                _mappedByte = 0;
                _mappedChar = 0;
            }

            while (_mappedByte < byteOffset)
            {
                var b = bytes[_mappedByte];
                int length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                _mappedByte += length;
                _mappedChar += length == 4 ? 2 : 1;
            }

            return _mappedChar;
        }
    }
}
