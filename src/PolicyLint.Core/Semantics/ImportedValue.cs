using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>A value imported from another stack with <c>Fn::ImportValue</c>.</summary>
/// <param name="ExportName">The export name, resolved as far as possible.</param>
/// <param name="Node">The call as written.</param>
public sealed record ImportedValue(ResolvedValue ExportName, SyntaxNode Node) : ValueAlternative
{
    /// <inheritdoc />
    public override string Describe() => ExportName.TryGetString(out var name) ? $"the value imported from export '{name}'" : "an imported value";
}
