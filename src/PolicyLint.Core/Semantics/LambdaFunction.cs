using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Semantics;

/// <summary>Where a tag of a function comes from.</summary>
public enum TagOrigin
{
    /// <summary>The function's own <c>Tags</c>.</summary>
    Own,

    /// <summary>SAM <c>Globals.Function.Tags</c>.</summary>
    Globals,

    /// <summary>Stack-level tags (<c>sam deploy --tags</c>, samconfig <c>tags</c>) that CloudFormation propagates.</summary>
    Stack,
}

/// <summary>
/// One tag a function carries as deployed, in either shape (map entry, or <c>{Key, Value}</c> list item) on either
/// function type (C8). Key and value stay expressions; resolve them with the template's resolver.
/// </summary>
public sealed class TagEntry : IReportable
{
    internal TagEntry(LambdaFunction function, TagOrigin origin, SyntaxNode keyNode, SyntaxNode? valueNode, Location editLocation, bool isConditional, Location? originLocation = null)
    {
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

    /// <summary>Where the user edits the tag (C7): the map key or the <c>Key</c> key as written, the <c>&lt;&lt;</c>
    /// merge key that brought it in, or the function's logical ID for an inherited tag.</summary>
    public Location EditLocation { get; }

    /// <summary>For an inherited tag, where it is written (the Globals key, or the samconfig line).</summary>
    public Location? OriginLocation { get; }

    /// <summary>The key's literal text when written as a plain string, else null.</summary>
    public string? KeyText => KeyNode is ScalarNode s ? s.Value : null;

    /// <summary>The key's values, every branch of <c>Fn::If</c> included whatever its condition (C8).</summary>
    public ResolvedValue ResolveKey() => Function.Resource.Template.EveryBranchResolver.Resolve(KeyNode);

    /// <summary>The value's values, every branch of <c>Fn::If</c> included whatever its condition (C8); a missing
    /// value is <see cref="NoValue"/>.</summary>
    public ResolvedValue ResolveValue() =>
        ValueNode is null ? ResolvedValue.Of(NoValue.Instance) : Function.Resource.Template.EveryBranchResolver.Resolve(ValueNode);

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
                TagOrigin.Stack when OriginLocation is not null => target.WithRelated(OriginLocation, $"Stack tag '{key}'"),
                _ => target,
            };
        }
    }
}

/// <summary>A place where a function's tags cannot be read (the whole <c>Tags</c>, or one item, is an
/// expression that does not resolve to tags).</summary>
/// <param name="Target">Where to report.</param>
/// <param name="Reason">Why, as a clause.</param>
public sealed record UnreadableTags(DiagnosticTarget Target, string Reason) : IReportable;

/// <summary>
/// A Lambda function: <c>AWS::Lambda::Function</c> or <c>AWS::Serverless::Function</c>, with the properties
/// PolicyLint reads resolved the way SAM deploys them (Globals merged, <c>IgnoreGlobals</c> honoured).
/// </summary>
public sealed class LambdaFunction
{
    /// <summary>CloudFormation's function type.</summary>
    public const string LambdaType = "AWS::Lambda::Function";

    /// <summary>SAM's function type.</summary>
    public const string ServerlessType = "AWS::Serverless::Function";

    private readonly Lazy<(IReadOnlyList<TagEntry> Tags, IReadOnlyList<UnreadableTags> Unreadable)> _tags;

    internal LambdaFunction(Resource resource)
    {
        Resource = resource;
        _tags = new(ReadTags, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether <paramref name="type"/> is a function type.</summary>
    public static bool IsFunctionType(string type) => type is LambdaType or ServerlessType;

    /// <summary>The resource.</summary>
    public Resource Resource { get; }

    /// <summary>The logical ID.</summary>
    public string LogicalId => Resource.LogicalId;

    /// <summary>Whether this is an <c>AWS::Serverless::Function</c>.</summary>
    public bool IsServerless => Resource.Type == ServerlessType;

    /// <summary><c>FunctionName</c>, or null (the name is then generated at deploy time).</summary>
    public EffectiveProperty? FunctionName => Resource.GetProperty("FunctionName");

    /// <summary><c>KmsKeyArn</c> (own, else from Globals), or null.</summary>
    public EffectiveProperty? KmsKeyArn => Resource.GetProperty("KmsKeyArn");

    /// <summary><c>SourceKMSKeyArn</c> (SAM) or <c>Code.SourceKMSKeyArn</c> (Lambda), or null.</summary>
    public EffectiveProperty? SourceKmsKeyArn => Resource.GetProperty(IsServerless ? "SourceKMSKeyArn" : "Code.SourceKMSKeyArn");

    /// <summary>The tags as deployed: Globals tags first (those the function does not override), then its own,
    /// each in written order; tags in both branches of <c>Fn::If</c> are included (C8).</summary>
    public IReadOnlyList<TagEntry> Tags => _tags.Value.Tags;

    /// <summary>Places where tags cannot be read statically.</summary>
    public IReadOnlyList<UnreadableTags> UnreadableTags => _tags.Value.Unreadable;

    /// <summary>
    /// The deployed function name when static (C9): <c>FunctionName</c> resolving to exactly one string; null otherwise.
    /// </summary>
    public string? StaticName => FunctionName is { } name && Resource.Template.Resolver.Resolve(name.Value).TryGetString(out var text) && text.Length > 0 ? text : null;

    private (IReadOnlyList<TagEntry>, IReadOnlyList<UnreadableTags>) ReadTags()
    {
        var tags = new List<TagEntry>();
        var unreadable = new List<UnreadableTags>();
        var own = Resource.FindProperty("Tags");
        var global = Resource.GetGlobalEntry("Tags");

        // SAM merges maps key by key (the function's value wins) and concatenates lists (globals first); an
        // intrinsic function, or a shape mismatch, is a scalar: the function's value replaces the global one.
        var ownNode = own?.Value;
        var globalNode = global?.Value;
        var merge = global is not null && (own is null ||
            (!IntrinsicFunction.Is(ownNode) && !IntrinsicFunction.Is(globalNode) && ownNode!.Kind == globalNode!.Kind && ownNode.Kind is SyntaxNodeKind.Mapping or SyntaxNodeKind.Sequence));

        var ownTags = new List<TagEntry>();
        if (own is not null)
            Collect(own.Value, TagOrigin.Own, own, conditional: false, ownTags, unreadable);
        if (merge)
        {
            var globalTags = new List<TagEntry>();
            Collect(global!.Value, TagOrigin.Globals, global, conditional: false, globalTags, unreadable);
            var ownKeys = ownNode is MappingNode ? ownTags.Select(t => t.KeyText).OfType<string>().ToHashSet(StringComparer.Ordinal) : [];
            tags.AddRange(globalTags.Where(t => t.KeyText is null || !ownKeys.Contains(t.KeyText)));
        }

        tags.AddRange(ownTags);
        return (tags, unreadable);
    }

    private void Collect(SyntaxNode node, TagOrigin origin, MappingEntry tagsEntry, bool conditional, List<TagEntry> tags, List<UnreadableTags> unreadable)
    {
        if (IntrinsicFunction.TryGet(node, out var function))
        {
            if (function.Name == "Fn::If" && function.ValidateForm() is null && function.Argument is SequenceNode branches)
            {
                Collect(branches[1], origin, tagsEntry, true, tags, unreadable);
                Collect(branches[2], origin, tagsEntry, true, tags, unreadable);
                return;
            }

            if (IntrinsicFunction.IsNoValue(node))
                return;
            var reason = Resource.Template.Resolver.Resolve(node).FirstUnresolvedReason ?? $"Tags is given by {function.Name}";
            unreadable.Add(new UnreadableTags(Target(origin, tagsEntry, tagsEntry.KeyLocation), reason));
            return;
        }

        switch (node.Resolve())
        {
            case MappingNode map:
                foreach (var entry in map.EffectiveEntries())
                    tags.Add(Tag(origin, entry.Key, entry.Value, entry.KeyLocation, conditional, tagsEntry));
                break;
            case SequenceNode list:
                foreach (var item in list.Items)
                    CollectItem(item, origin, tagsEntry, conditional, tags, unreadable);
                break;
        }
    }

    private void CollectItem(SyntaxNode item, TagOrigin origin, MappingEntry tagsEntry, bool conditional, List<TagEntry> tags, List<UnreadableTags> unreadable)
    {
        if (IntrinsicFunction.TryGet(item, out var function))
        {
            if (function.Name == "Fn::If" && function.ValidateForm() is null && function.Argument is SequenceNode branches)
            {
                CollectItem(branches[1], origin, tagsEntry, true, tags, unreadable);
                CollectItem(branches[2], origin, tagsEntry, true, tags, unreadable);
                return;
            }

            if (IntrinsicFunction.IsNoValue(item))
                return;
            var reason = Resource.Template.Resolver.Resolve(item).FirstUnresolvedReason ?? $"a tag is given by {function.Name}";
            unreadable.Add(new UnreadableTags(Target(origin, tagsEntry, item.Location), reason));
            return;
        }

        if (item.Resolve() is MappingNode map && map.Find("Key") is { } keyEntry)
            tags.Add(Tag(origin, keyEntry.Value, map.Find("Value")?.Value, keyEntry.KeyLocation, conditional, tagsEntry));
    }

    // Tags that a merge key brought into the function are reported at that '<<' key, not inside the anchor (C7).
    private TagEntry Tag(TagOrigin origin, SyntaxNode key, SyntaxNode? value, Location keyLocation, bool conditional, MappingEntry tagsEntry) =>
        origin == TagOrigin.Globals
            ? new TagEntry(this, origin, key, value, Resource.Entry.Key.Location, conditional, keyLocation)
            : new TagEntry(this, origin, key, value, tagsEntry.MergeKey is null ? keyLocation : tagsEntry.KeyLocation, conditional);

    private DiagnosticTarget Target(TagOrigin origin, MappingEntry tagsEntry, Location location) =>
        origin == TagOrigin.Globals
            ? new DiagnosticTarget(Resource.Entry.Key.Location, Resource.LogicalLocation, "Properties.Tags", [new RelatedLocation(tagsEntry.KeyLocation, "Tags set in Globals.Function")])
            : new DiagnosticTarget(tagsEntry.MergeKey is null ? location : tagsEntry.KeyLocation, Resource.LogicalLocation, "Properties.Tags", []);

    /// <inheritdoc />
    public override string ToString() => LogicalId;
}
