using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// One tag a function carries as deployed, in either shape (map entry, or <c>{Key, Value}</c> list item) on either
/// function type (docs/conventions.md#c8). Key and value stay expressions; resolve them with the template's resolver.
/// </summary>
public sealed class TagEntry : IReportable
{
    internal TagEntry(LambdaFunction function, TagOrigin origin, SyntaxNode keyNode, SyntaxNode? valueNode, Location editLocation, bool isConditional, Location? originLocation = null, PropagatedTag? propagated = null)
    {
        Propagated = propagated;
        Function = function;
        Origin = origin;
        KeyNode = keyNode;
        ValueNode = valueNode;
        EditLocation = editLocation;
        IsConditional = isConditional;
        OriginLocation = originLocation;
    }

    /// <summary>The function carrying the tag.</summary>
    public LambdaFunction Function { get; }

    /// <summary>Where the tag comes from.</summary>
    public TagOrigin Origin { get; }

    /// <summary>The tag key as written: the map key, or the value of <c>Key</c>.</summary>
    public SyntaxNode KeyNode { get; }

    /// <summary>The tag value as written, or null when a list item has no <c>Value</c>.</summary>
    public SyntaxNode? ValueNode { get; }

    /// <summary>Whether the tag sits in a branch of <c>Fn::If</c>.</summary>
    public bool IsConditional { get; }

    /// <summary>Where the user edits the tag (docs/conventions.md#c7): the map key or the <c>Key</c> key as written, the <c>&lt;&lt;</c>
    /// merge key that brought it in, or the function's logical ID for an inherited tag.</summary>
    public Location EditLocation { get; }

    /// <summary>For an inherited tag, where it is written: the Globals key, the samconfig <c>tags</c> item, or the key in
    /// a nested stack resource's <c>Tags</c>.</summary>
    public Location? OriginLocation { get; }

    /// <summary>For a tag from a nested stack (<see cref="TagOrigin.NestedStack"/>), the tag as the parent passes it,
    /// with the stacks it comes through; else null.</summary>
    public PropagatedTag? Propagated { get; }

    /// <summary>The template whose parameters and conditions the key and value resolve with: the parent's for a tag
    /// from a nested stack, else the function's.</summary>
    private TemplateModel Scope => Propagated?.Scope ?? Function.Resource.Template;

    /// <summary>The key's literal text when written as a plain string, else null.</summary>
    public string? KeyText => KeyNode is ScalarNode s ? s.Value : null;

    /// <summary>The key's values, every branch of <c>Fn::If</c> included whatever its condition, and every value a parameter's <c>AllowedValues</c>, a mapping or a list offers for a key or index that cannot be known (docs/conventions.md#c8).</summary>
    public ResolvedValue ResolveKey() => Scope.PossibleValuesResolver.Resolve(KeyNode);

    /// <summary>The value's values, every branch of <c>Fn::If</c> included whatever its condition, and every value a parameter's <c>AllowedValues</c>, a mapping or a list offers for a key or index that cannot be known (docs/conventions.md#c8); a missing
    /// value is <see cref="NoValue"/>.</summary>
    public ResolvedValue ResolveValue() =>
        ValueNode is null ? ResolvedValue.Of(NoValue.Instance) : Scope.PossibleValuesResolver.Resolve(ValueNode);

    /// <inheritdoc />
    public DiagnosticTarget Target
    {
        get
        {
            var key = KeyText ?? (ResolveKey().TryGetString(out var k) ? k : "?");
            var target = new DiagnosticTarget(EditLocation, Function.Resource.LogicalLocation, $"Properties.Tags.{key}", []);
            return Origin switch
            {
                TagOrigin.Globals when OriginLocation is not null => target.WithRelated(OriginLocation, $"Tag '{key}' set for every function in Globals.Function.Tags"),
                TagOrigin.Stack when OriginLocation is not null => target.WithRelated(OriginLocation, $"Tag '{key}' set for the whole stack in {OriginLocation.Path}"),
                TagOrigin.NestedStack when Propagated is { } propagated => target.WithRelated(propagated.Location, propagated.WrittenOn is { } stack
                    ? $"Tag '{key}' set on {stack.Describe()}, which propagates it to the resources of its child stack"
                    : $"Tag '{key}' set for the whole stack in {propagated.Location.Path}, which {propagated.Route[^1].Describe()} propagates to its child stack"),
                _ => target,
            };
        }
    }
}
