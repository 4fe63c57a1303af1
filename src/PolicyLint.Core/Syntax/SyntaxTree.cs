using PolicyLint.Core.Text;

namespace PolicyLint.Core.Syntax;

/// <summary>The front end a file was read with.</summary>
public enum SourceFormat
{
    /// <summary>YAML 1.2 (YamlDotNet's event parser), with CloudFormation short-form tags.</summary>
    Yaml,

    /// <summary>JSON (System.Text.Json's reader).</summary>
    Json,
}

/// <summary>What went wrong while reading a file.</summary>
public enum SyntaxProblemKind
{
    /// <summary>The text is not valid YAML/JSON; nothing after the error is read.</summary>
    SyntaxError,

    /// <summary>A key repeated in one mapping (merge keys excepted).</summary>
    DuplicateKey,

    /// <summary>A parse limit (size, nesting depth, alias expansion) was exceeded.</summary>
    LimitExceeded,

    /// <summary>The bytes are not valid UTF-8.</summary>
    InvalidEncoding,

    /// <summary>A well-formed file holds a value of the wrong form (for example a samconfig <c>tags</c> item that is
    /// not <c>Key=Value</c>); the rest of the file is used.</summary>
    InvalidValue,
}

/// <summary>A problem found while reading a file; the loader turns it into PL0001 when the file is a template.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Location">Where (docs/conventions.md#c2: the first character the parser cannot accept, or the repeated key).</param>
/// <param name="Message">A sentence without a final period, naming what was found.</param>
/// <param name="Parent">For <see cref="SyntaxProblemKind.DuplicateKey"/>, the mapping holding the key.</param>
public sealed record SyntaxProblem(SyntaxProblemKind Kind, Location Location, string Message, MappingNode? Parent = null)
{
    /// <summary>Whether the problem stopped the parse (no document after it was read).</summary>
    public bool IsFatal => Kind is SyntaxProblemKind.SyntaxError or SyntaxProblemKind.LimitExceeded or SyntaxProblemKind.InvalidEncoding;
}

/// <summary>
/// Bounds that keep hostile input from costing unbounded time or memory (docs/conventions.md#c16): the one record of limits that the
/// command line and the loader take. Exceeding any of them is PL0001 (never a crash or a hang); the rest of the run
/// goes on.
/// </summary>
/// <param name="MaxFileBytes">Largest file read, in bytes (default 10 MiB); a larger file that looks like a template
/// (or the ledger) gets PL0001 at 1:1, another is skipped with a note.</param>
/// <param name="MaxDepth">Deepest nesting of mappings and sequences in one file (default 1,000 levels); PL0001 at the
/// node that crosses it.</param>
/// <param name="MaxAliasExpansion">Most nodes read through YAML aliases in one file (default 100,000), counted where
/// the file is read (<see cref="AliasBudget"/>); each time an alias is followed, the size of the subtree it names is
/// charged. PL0001 at the alias that crosses it.</param>
/// <param name="MaxFiles">Most files read under the root (default 100,000), in path order; PL0001 at 1:1 of the first
/// file left out.</param>
/// <param name="MaxNodes">Most syntax nodes (mappings, sequences, scalars, aliases, as written) built for one file
/// (default 1,000,000); PL0001 at the node that crosses it. It bounds the memory of a tree and the parse time of
/// YamlDotNet, whose scanner does work proportional to the depth of open flow collections (<c>[</c>, <c>{</c>) for each
/// token. A deployable template is far below it: CloudFormation reads at most 1 MB of template
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html), and every node takes
/// at least one character. Not configurable.</param>
public sealed record ParseLimits(long MaxFileBytes = 10 * 1024 * 1024, int MaxDepth = 1000, long MaxAliasExpansion = 100_000, int MaxFiles = 100_000, int MaxNodes = 1_000_000)
{
    /// <summary>The documented defaults.</summary>
    public static ParseLimits Default { get; } = new();
}

/// <summary>
/// The positioned syntax tree of one file: its documents (a YAML stream may hold several; JSON holds one) and
/// the problems met while reading it. Reading never throws on bad input.
/// </summary>
public sealed class SyntaxTree
{
    private readonly List<SyntaxNode?> _documents = [];
    private readonly List<SyntaxProblem> _problems = [];
    private long _sourceMapCharacters;
    private int _nodeCount;

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
