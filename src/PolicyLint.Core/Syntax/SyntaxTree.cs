using PolicyLint.Core.Text;

namespace PolicyLint.Core.Syntax;

/// <summary>
/// The positioned syntax tree of one file: its documents (a YAML stream may hold several; JSON holds one) and
/// the problems met while reading it. Reading never throws on bad input.
/// </summary>
public sealed class SyntaxTree
{
    private readonly List<SyntaxNode?> _documents = [];
    private readonly List<SyntaxProblem> _problems = [];
    private readonly Lock _tagLock = new();
    private long _sourceMapCharacters;
    private int _nodeCount;
    private Dictionary<SyntaxNode, string>? _tags; // the few nodes with an explicit tag; locked: the binder adds copies

    internal SyntaxTree(SourceText source, SourceFormat format, ParseLimits limits)
    {
        Source = source;
        Format = format;
        Limits = limits;
    }

    /// <summary>The file's text and line map.</summary>
    public SourceText Source { get; }

    /// <summary>The front end used.</summary>
    public SourceFormat Format { get; }

    /// <summary>The limits in force.</summary>
    public ParseLimits Limits { get; }

    /// <summary>The root node of each document, in order; null for an empty document.</summary>
    public IReadOnlyList<SyntaxNode?> Documents => _documents;

    /// <summary>Problems in file order; a fatal one (if any) is last.</summary>
    public IReadOnlyList<SyntaxProblem> Problems => _problems;

    /// <summary>The problem that stopped the parse, or null.</summary>
    public SyntaxProblem? FatalError => _problems.Count > 0 && _problems[^1].IsFatal ? _problems[^1] : null;

    /// <summary>Characters of scalar values mapped to source positions so far (<see cref="ScalarNode.GetSourceMap"/>):
    /// the work of locating text inside scalars, which callers keep linear by building one map per scalar.</summary>
    public long SourceMapCharacters => Interlocked.Read(ref _sourceMapCharacters);

    internal void ChargeSourceMap(int characters) => Interlocked.Add(ref _sourceMapCharacters, characters);

    /// <summary>Syntax nodes built for this tree so far: by the parser (at most <see cref="ParseLimits.MaxNodes"/> as
    /// written, plus the long-form mapping and name of each short-form tag), and by the binder (generated copies).</summary>
    public int NodeCount => Volatile.Read(ref _nodeCount);

    internal void CountNode() => Interlocked.Increment(ref _nodeCount);

    /// <summary>Keeps <paramref name="node"/>'s explicit tag (<see cref="SyntaxNode.Tag"/>): most nodes have none, so
    /// the tree holds the few there are rather than every node a field for one.</summary>
    internal void SetTag(SyntaxNode node, string tag)
    {
        lock (_tagLock)
            (_tags ??= new Dictionary<SyntaxNode, string>(ReferenceEqualityComparer.Instance))[node] = tag;
    }

    /// <summary>The tag <see cref="SetTag"/> kept for <paramref name="node"/>, or null.</summary>
    internal string? TagOf(SyntaxNode node)
    {
        lock (_tagLock)
            return _tags?.GetValueOrDefault(node);
    }

    /// <summary>A tree with no documents whose scalars stand for values found inside another format's text (a samconfig
    /// TOML string), located at that text.</summary>
    internal static SyntaxTree ForSynthesizedValues(SourceText source) => new(source, SourceFormat.Yaml, ParseLimits.Default);

    /// <summary>A string scalar of this tree located at <paramref name="span"/>.</summary>
    internal ScalarNode Scalar(TextSpan span, string value) => new(this, span, value, ScalarStyle.Synthetic);

    internal void AddDocument(SyntaxNode? root) => _documents.Add(root);

    internal void AddProblem(SyntaxProblem problem) => _problems.Add(problem);

    // A duplicate key is found before its mapping node exists; the parser names the mapping when it is built.
    internal void SetProblemParent(int index, MappingNode parent) => _problems[index] = _problems[index] with { Parent = parent };

    /// <summary>
    /// Charges reading every document of the file in full against the alias budget (the ledger, configuration and
    /// samconfig readers read the whole file); when it exceeds the limit, adds the <see cref="SyntaxProblemKind.LimitExceeded"/>
    /// problem at the alias that crossed it. Templates are charged by their binder instead, for the places a
    /// deployment evaluates only (docs/conventions.md#c16).
    /// </summary>
    internal void CheckWholeFileAliasExpansion()
    {
        if (FatalError is not null)
            return;
        var budget = new AliasBudget(Limits);
        foreach (var document in _documents)
        {
            if (document is not null && !budget.ChargeAll(document))
            {
                AddProblem(budget.Problem!);
                return;
            }
        }
    }
}
