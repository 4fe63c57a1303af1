using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary><c>{anything-but: …}</c>: matches a value that none of <paramref name="Excluded"/> matches.</summary>
/// <param name="Excluded">What is excluded: exact values, or one operator.</param>
/// <param name="Node">Where the operator is written.</param>
public sealed record AnythingButMatcher(IReadOnlyList<ValueMatcher> Excluded, SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => AnyMatches(Excluded, value) switch
    {
        TriState.True => TriState.False,
        TriState.False => TriState.True,
        _ => TriState.Unknown,
    };

    /// <inheritdoc />
    public override string OperatorText => "anything-but ";
}
