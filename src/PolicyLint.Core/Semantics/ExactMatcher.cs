using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>An exact value (<c>"HIGH"</c>), compared ordinally.</summary>
/// <param name="Value">The value.</param>
/// <param name="Node">Where it is written.</param>
public sealed record ExactMatcher(string Value, SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => Of(string.Equals(value, Value, StringComparison.Ordinal));

    /// <inheritdoc />
    public override string OperatorText => string.Empty;
}
