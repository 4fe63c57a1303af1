using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// An EventBridge rule of a template: an <c>AWS::Events::Rule</c>, or a SAM function event of type
/// <c>EventBridgeRule</c>/<c>CloudWatchEvent</c>, with its event pattern read (a pattern written as a JSON string is
/// the document <see cref="TemplateModel.EmbeddedDocuments"/> parsed at bind time) and its event bus resolved.
/// A rule pack derives from it to add its own questions about the pattern.
/// </summary>
/// <remarks>Sources: AWS CloudFormation User Guide, "AWS::Events::Rule" (EventPattern, EventBusName); AWS SAM
/// Developer Guide, "EventBridgeRule" and "CloudWatchEvent" (Pattern, EventBusName).</remarks>
public class EventBridgeRule
{
    private const string DefaultBusArnSuffix = ":event-bus/default";

    /// <summary>Reads a rule.</summary>
    /// <param name="template">The template.</param>
    /// <param name="resource">The rule resource, or the function that declares the event.</param>
    /// <param name="name">How messages name it.</param>
    /// <param name="bodyPath">The path of <paramref name="body"/> inside the resource.</param>
    /// <param name="body">The mapping holding the pattern.</param>
    /// <param name="patternEntry">The pattern entry, or null.</param>
    /// <param name="busEntry">The <c>EventBusName</c> entry, or null.</param>
    /// <param name="declarationLocation">Where the rule is declared.</param>
    internal EventBridgeRule(TemplateModel template, Resource resource, string name, string bodyPath, MappingNode body, MappingEntry? patternEntry, MappingEntry? busEntry, Location declarationLocation)
    {
        Template = template;
        Resource = resource;
        Name = name;
        BodyPath = bodyPath;
        Body = body;
        PatternEntry = patternEntry;
        BusEntry = busEntry;
        DeclarationLocation = declarationLocation;
        Pattern = ReadPattern(patternEntry, template);
        var bus = busEntry is null ? ResolvedValue.Literal("default") : template.Resolver.Resolve(busEntry.Value);
        BusName = ReadBusName(template, bus);
        IsOnDefaultBus = bus.Alternatives.All(IsDefaultBus);
        Bus = bus;
        BusKind = IsOnDefaultBus ? EventBusKind.Default : bus.Alternatives.All(IsCustomBus) ? EventBusKind.Custom : EventBusKind.Unknown;
        BusDescription = BusName is not null ? $"event bus '{BusName}'"
            : bus.FirstUnresolvedReason is { } reason ? $"an event bus that cannot be known offline ({reason})"
            : $"the event bus given by {bus}";
    }

    /// <summary>A copy of <paramref name="rule"/>, for a derived type that adds its own reading of it.</summary>
    /// <param name="rule">The rule.</param>
    protected EventBridgeRule(EventBridgeRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Template = rule.Template;
        Resource = rule.Resource;
        Name = rule.Name;
        BodyPath = rule.BodyPath;
        Body = rule.Body;
        PatternEntry = rule.PatternEntry;
        BusEntry = rule.BusEntry;
        DeclarationLocation = rule.DeclarationLocation;
        Pattern = rule.Pattern;
        BusName = rule.BusName;
        IsOnDefaultBus = rule.IsOnDefaultBus;
        Bus = rule.Bus;
        BusKind = rule.BusKind;
        BusDescription = rule.BusDescription;
    }

    /// <summary>The template.</summary>
    public TemplateModel Template { get; }

    /// <summary>The rule resource, or the function that declares the event.</summary>
    public Resource Resource { get; }

    /// <summary>How messages name it: the logical ID, or <c>Function.Events.Name</c>.</summary>
    public string Name { get; }

    /// <summary>The mapping holding <c>EventPattern</c>/<c>Pattern</c> (<c>Properties</c>).</summary>
    public MappingNode Body { get; }

    /// <summary>The path of <see cref="Body"/> inside the resource: <c>Properties</c>, or
    /// <c>Properties.Events.Name.Properties</c> for a SAM function event.</summary>
    public string BodyPath { get; }

    /// <summary>Whether this is a SAM function event (it delivers to its function; it has no <c>Targets</c>).</summary>
    public bool IsFunctionEvent => Resource.Type == LambdaFunction.ServerlessType;

    /// <summary>Whether the pattern is written as a JSON string, so positions inside it are not reported.</summary>
    public bool IsJsonStringPattern => PatternEntry?.Value is ScalarNode && Pattern is not null;

    /// <summary>The <c>EventPattern</c> (or SAM <c>Pattern</c>) entry, or null.</summary>
    public MappingEntry? PatternEntry { get; }

    /// <summary>The pattern as a mapping (a JSON-string pattern as parsed at bind time), or null when absent or
    /// unreadable.</summary>
    public MappingNode? Pattern { get; }

    /// <summary>The <c>EventBusName</c> entry, or null (the default bus).</summary>
    public MappingEntry? BusEntry { get; }

    /// <summary>The bus name or ARN when known (a reference to an <c>AWS::Events::EventBus</c> gives its <c>Name</c>);
    /// null when it cannot be resolved.</summary>
    public string? BusName { get; }

    /// <summary>The resolved <c>EventBusName</c> (<c>default</c> when absent).</summary>
    public ResolvedValue Bus { get; }

    /// <summary>Which bus the rule is on.</summary>
    public EventBusKind BusKind { get; }

    /// <summary>The bus for messages: <c>event bus 'name'</c>, or why it cannot be known.</summary>
    public string BusDescription { get; }

    /// <summary>Whether the rule is on the default bus (docs/conventions.md#c6): <c>EventBusName</c> absent, <c>default</c>, or an ARN ending
    /// in <c>:event-bus/default</c> (also when only its end is known, as in
    /// <c>!Sub "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"</c>).</summary>
    public bool IsOnDefaultBus { get; }

    /// <summary>Where the rule is declared (its logical-ID key, or the event's key).</summary>
    public Location DeclarationLocation { get; }

    /// <summary>A target at the rule's declaration (its logical-ID key, or the event's key).</summary>
    public DiagnosticTarget DeclarationTarget => new(DeclarationLocation, Resource.LogicalLocation, IsFunctionEvent ? BodyPath[..^".Properties".Length] : string.Empty, []);

    /// <summary>A target at <paramref name="entry"/>'s key; <paramref name="path"/> is relative to <see cref="Body"/>.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="path">Its property path below <see cref="Body"/>.</param>
    public DiagnosticTarget TargetAt(MappingEntry entry, string path) => Resource.TargetAt(entry, $"{BodyPath}.{path}");

    /// <summary>Whether the matchers of the pattern field <paramref name="field"/> match <paramref name="value"/>; an
    /// absent field (null) matches everything.</summary>
    /// <param name="field">An entry of <see cref="Pattern"/> (or of a mapping nested in it), or null.</param>
    /// <param name="value">A string value of an event.</param>
    public TriState Matches(MappingEntry? field, string value) =>
        field is null ? TriState.True : ValueMatcher.AnyMatches(Matchers(field), value);

    /// <summary>The matchers of a pattern field's value (<see cref="EventPatterns.ReadField"/>), intrinsic functions
    /// resolved unless the pattern is a JSON string.</summary>
    /// <param name="field">An entry of <see cref="Pattern"/> (or of a mapping nested in it).</param>
    public IReadOnlyList<ValueMatcher> Matchers(MappingEntry field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return EventPatterns.ReadField(field.Value, Template, literalOnly: IsJsonStringPattern);
    }

    private static bool IsDefaultBus(ValueAlternative bus) => bus switch
    {
        LiteralValue { Text: var text } => text == "default" || text.EndsWith(DefaultBusArnSuffix, StringComparison.Ordinal),
        PartialStringValue partial => partial.KnownSuffix.EndsWith(DefaultBusArnSuffix, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Whether the bus is surely not the default one: a literal or a partly known ARN or name that cannot
    /// end as the default bus, or a reference to an <c>AWS::Events::EventBus</c> (which cannot be named <c>default</c>).</summary>
    private static bool IsCustomBus(ValueAlternative bus) => bus switch
    {
        LiteralValue { Text: var text } => text != "default" && !text.EndsWith(DefaultBusArnSuffix, StringComparison.Ordinal),
        ResourceReferenceValue { ResourceType: "AWS::Events::EventBus" } => true,
        PartialStringValue { KnownSuffix: var suffix } => suffix.Length > 0
            && !"default".EndsWith(suffix, StringComparison.Ordinal)
            && !DefaultBusArnSuffix.EndsWith(suffix, StringComparison.Ordinal)
            && !suffix.EndsWith(DefaultBusArnSuffix, StringComparison.Ordinal),
        _ => false,
    };

    private static string? ReadBusName(TemplateModel template, ResolvedValue bus)
    {
        if (bus.TryGetString(out var name))
            return name;
        // Ref and GetAtt of a bus resource both identify the bus its Name property names.
        return bus.Alternatives is [ResourceReferenceValue { ResourceType: "AWS::Events::EventBus" } reference]
            && template.GetResource(reference.LogicalId)?.Properties?.GetValue("Name") is { } nameNode
            && template.Resolver.Resolve(nameNode).TryGetString(out var busName)
                ? busName
                : null;
    }

    private static MappingNode? ReadPattern(MappingEntry? entry, TemplateModel template) => entry?.Value switch
    {
        MappingNode mapping when !IntrinsicFunction.Is(mapping) => mapping,
        // EventPattern may be a JSON string, parsed when the template was bound (positions inside it are not reported).
        ScalarNode { IsNull: false } text => template.EmbeddedDocuments.Document(text),
        _ => null,
    };
}
