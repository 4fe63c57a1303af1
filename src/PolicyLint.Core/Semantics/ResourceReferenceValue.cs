using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>A reference to a resource of the template: <c>Ref</c> (<see cref="Attribute"/> null) or <c>Fn::GetAtt</c>.</summary>
/// <param name="LogicalId">The referenced resource.</param>
/// <param name="Attribute">The attribute (<c>Arn</c>, <c>Outputs.KeyArn</c>), or null for <c>Ref</c>.</param>
/// <param name="ResourceType">The referenced resource's type.</param>
/// <param name="Node">The reference as written.</param>
public sealed record ResourceReferenceValue(string LogicalId, string? Attribute, string ResourceType, SyntaxNode Node) : ValueAlternative
{
    /// <inheritdoc />
    public override string Describe() => Attribute is null ? $"a reference to {ResourceType} '{LogicalId}'" : $"attribute {Attribute} of {ResourceType} '{LogicalId}'";
}
