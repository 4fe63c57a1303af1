using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary><c>{equals-ignore-case: …}</c>.</summary>
/// <param name="Value">The operand.</param>
/// <param name="Node">Where the operand is written.</param>
public sealed record IgnoreCaseMatcher(string Value, SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => Of(string.Equals(value, Value, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public override string OperatorText => "equals-ignore-case ";
}
