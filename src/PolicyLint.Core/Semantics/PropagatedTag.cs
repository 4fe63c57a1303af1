using System.Collections.Immutable;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// A stack-level tag that a nested stack passes to the resources of its child stack: a tag of the nested stack
/// resource's own <c>Tags</c>, or a stack-level tag of the parent stack (samconfig <c>tags</c>, or a tag the parent
/// got from its own parent) that reaches the nested stack resource and so its child. Key and value stay expressions of
/// <see cref="Scope"/>.
/// </summary>
/// <param name="Key">The key as written.</param>
/// <param name="Value">The value as written, or null when a list item has no <c>Value</c>.</param>
/// <param name="Location">Where it is written: the key in the stack resource's <c>Tags</c> (the <c>Key</c> key of a
/// list item), or the samconfig <c>tags</c> item.</param>
/// <param name="Scope">The template whose parameters and conditions <see cref="Key"/> and <see cref="Value"/> resolve
/// with.</param>
/// <param name="IsConditional">Whether it sits in a branch of <c>Fn::If</c>.</param>
/// <param name="WrittenOn">The nested stack resource whose <c>Tags</c> hold it; null for a samconfig tag of the
/// template of the last stack of <see cref="Route"/>.</param>
/// <param name="Route">The nested stack resources it passes through, nearest the child first: one for a tag written
/// on the parent's stack resource, more for a tag that comes from a grandparent.</param>
public sealed record PropagatedTag(SyntaxNode Key, SyntaxNode? Value, Location Location, TemplateModel Scope, bool IsConditional, NestedStack? WrittenOn, ImmutableArray<NestedStack> Route)
{
    /// <summary>The key's text when written as a plain string, else null.</summary>
    public string? KeyText => Key is ScalarNode s ? s.Value : null;

    /// <summary>The key's values, every branch of <c>Fn::If</c> included whatever its condition, and every value a parameter's <c>AllowedValues</c>, a mapping or a list offers for a key or index that cannot be known (docs/conventions.md#c8).</summary>
    public ResolvedValue ResolveKey() => Scope.PossibleValuesResolver.Resolve(Key);

    /// <summary>The value's values, every branch of <c>Fn::If</c> included; a missing value is <see cref="NoValue"/>.</summary>
    public ResolvedValue ResolveValue() => Value is null ? ResolvedValue.Of(NoValue.Instance) : Scope.PossibleValuesResolver.Resolve(Value);
}
