using PolicyLint.Core.Text;

namespace PolicyLint.Core.Syntax;

/// <summary>
/// A node of a positioned YAML/JSON syntax tree. Every node knows its file and its span; short-form
/// CloudFormation tags (<c>!Sub x</c>) are represented exactly like their long form (<c>{Fn::Sub: x}</c>).
/// </summary>
/// <remarks>
/// Every node of every template stays live until a run ends (project rules, suppressions and reporting read them), so
/// a node holds only what most nodes need: its tree, its span and a few bits. The rare explicit tag is kept by the tree
/// (<see cref="SyntaxTree"/>), and <see cref="SubtreeSize"/> and <see cref="ExpansionCost"/>, which are 1 and 0 for a
/// scalar, are stored by the collections and aliases only (issue 15: a scalar is 48 bytes, where it was 72).
/// </remarks>
public abstract class SyntaxNode
{
    private readonly bool _hasTag;

    private protected SyntaxNode(SyntaxTree tree, TextSpan span, string? tag)
    {
        tree.CountNode();
        Tree = tree;
        Span = span;
        if (tag is not null)
        {
            _hasTag = true;
            tree.SetTag(this, tag);
        }
    }

    /// <summary>The tree (and file) the node belongs to.</summary>
    public SyntaxTree Tree { get; }

    /// <summary>Offsets covered: a scalar from its first character (opening quote, or tag) to just past its end;
    /// a block collection from its first to its last child; a flow collection including its brackets.</summary>
    public TextSpan Span { get; }

    /// <summary>The node's explicit YAML tag as resolved by the parser (for example <c>tag:yaml.org,2002:str</c>),
    /// or null. Short-form CloudFormation tags are not kept here: they became intrinsic-function mappings.</summary>
    public string? Tag => _hasTag ? Tree.TagOf(this) : null;

    /// <summary>The kind of node.</summary>
    public abstract SyntaxNodeKind Kind { get; }

    /// <summary>Number of nodes in this subtree, aliases counted as one node each.</summary>
    public int SubtreeSize => StoredSubtreeSize;

    /// <summary>
    /// What reading this whole subtree costs through YAML aliases (docs/conventions.md#c16): for each alias written in it, the
    /// <see cref="SubtreeSize"/> of the node it names plus that node's own <see cref="ExpansionCost"/>; 0 without
    /// aliases. Saturates at <see cref="long.MaxValue"/> (an alias bomb is astronomically large, never negative).
    /// </summary>
    public long ExpansionCost => StoredExpansionCost;

    /// <summary><see cref="SubtreeSize"/>: 1 unless a collection stores its own.</summary>
    private protected virtual int StoredSubtreeSize => 1;

    /// <summary><see cref="ExpansionCost"/>: 0 unless a collection or an alias stores its own.</summary>
    private protected virtual long StoredExpansionCost => 0;

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
