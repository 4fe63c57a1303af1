using System.Collections.Immutable;

namespace PolicyLint.Core.Semantics;

/// <summary>A list (a YAML sequence, <c>Fn::Split</c>, a <c>CommaDelimitedList</c> parameter).</summary>
/// <param name="Items">The items, each with its own alternatives.</param>
public sealed record ListValue(ImmutableArray<ResolvedValue> Items) : ValueAlternative
{
    /// <inheritdoc />
    public override string Describe() => $"a list of {Items.Length}";
}
