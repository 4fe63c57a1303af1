using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary><c>{prefix: …}</c> or <c>{suffix: …}</c>, optionally <c>{prefix: {equals-ignore-case: …}}</c>.</summary>
/// <param name="Value">The operand.</param>
/// <param name="IsSuffix">Whether it is <c>suffix</c>.</param>
/// <param name="IgnoreCase">Whether <c>equals-ignore-case</c> is nested.</param>
/// <param name="Node">Where the operand is written.</param>
public sealed record AffixMatcher(string Value, bool IsSuffix, bool IgnoreCase, SyntaxNode Node) : ValueMatcher(Node)
{
    /// <inheritdoc />
    public override TriState Matches(string value) => Of(Test(value, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));

    /// <summary>Whether <paramref name="value"/> has the operand as prefix (suffix) under <paramref name="comparison"/>.</summary>
    public bool Test(string value, StringComparison comparison) =>
        IsSuffix ? value.EndsWith(Value, comparison) : value.StartsWith(Value, comparison);

    /// <inheritdoc />
    public override string OperatorText => (IsSuffix ? "suffix " : "prefix ") + (IgnoreCase ? "equals-ignore-case " : string.Empty);
}
