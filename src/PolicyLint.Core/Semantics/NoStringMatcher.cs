using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>An element that never matches a string: <c>null</c>, <c>numeric</c>, <c>cidr</c>.</summary>
/// <param name="Node">Where it is written.</param>
public sealed record NoStringMatcher(SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => TriState.False;

    /// <inheritdoc />
    public override string OperatorText => string.Empty;
}
