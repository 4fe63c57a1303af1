using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>A literal mapping or other structure that is not a string.</summary>
/// <param name="Node">The structure as written.</param>
public sealed record StructureValue(SyntaxNode Node) : ValueAlternative
{
    /// <inheritdoc />
    public override string Describe() => "a structure";
}
