using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>An element PolicyLint cannot evaluate: an unresolvable intrinsic function, an unknown operator.</summary>
/// <param name="Reason">Why, as a clause.</param>
/// <param name="Node">Where it is written.</param>
public sealed record UnknownMatcher(string Reason, SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => TriState.Unknown;

    /// <inheritdoc />
    public override string OperatorText => string.Empty;
}
