using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>A value that cannot be known offline.</summary>
/// <param name="Reason">Why, as a clause: "parameter 'KeyArn' has no default".</param>
/// <param name="Node">The expression that could not be resolved.</param>
public sealed record UnresolvedValue(string Reason, SyntaxNode Node) : ValueAlternative
{
    /// <inheritdoc />
    public override string Describe() => Reason;
}
