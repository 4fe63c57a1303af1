using PolicyLint.Core.Text;

namespace PolicyLint.Core.Syntax;

/// <summary>A sequence (YAML sequence, JSON array).</summary>
public sealed class SequenceNode : SyntaxNode
{
    private readonly int _subtreeSize;
    private readonly long _expansionCost;

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

        _subtreeSize = size;
        _expansionCost = cost;
    }

    /// <inheritdoc />
    private protected override int StoredSubtreeSize => _subtreeSize;

    /// <inheritdoc />
    private protected override long StoredExpansionCost => _expansionCost;

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
