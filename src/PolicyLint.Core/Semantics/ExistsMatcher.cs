using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary><c>{exists: true|false}</c>: a field that has a value matches only <c>exists: true</c>.</summary>
/// <param name="Exists">The operand.</param>
/// <param name="Node">Where it is written.</param>
public sealed record ExistsMatcher(bool Exists, SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => Of(Exists);

    /// <inheritdoc />
    public override string OperatorText => "exists ";
}
