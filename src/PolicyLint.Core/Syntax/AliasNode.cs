using PolicyLint.Core.Text;

namespace PolicyLint.Core.Syntax;

/// <summary>An alias <c>*name</c>: a reference to an earlier anchored node, never copied into the tree (docs/conventions.md#c16).</summary>
public sealed class AliasNode : SyntaxNode
{
    private readonly long _expansionCost;

    internal AliasNode(SyntaxTree tree, TextSpan span, string name, SyntaxNode target)
        : base(tree, span, null)
    {
        Name = name;
        Target = target;
        _expansionCost = AddSaturating(target.SubtreeSize, target.ExpansionCost);
    }

    /// <inheritdoc />
    private protected override long StoredExpansionCost => _expansionCost;

    /// <inheritdoc />
    public override SyntaxNodeKind Kind => SyntaxNodeKind.Alias;

    /// <summary>The anchor name.</summary>
    public string Name { get; }

    /// <summary>The anchored node (never itself an alias).</summary>
    public SyntaxNode Target { get; }

    /// <inheritdoc />
    public override SyntaxNode Resolve() => Target;
}
