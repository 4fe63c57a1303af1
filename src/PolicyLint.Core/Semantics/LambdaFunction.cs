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
/// function type (docs/conventions.md#c8). Key and value stay expressions; resolve them with the template's resolver.
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

    /// <summary>Where the user edits the tag (docs/conventions.md#c7): the map key or the <c>Key</c> key as written, the <c>&lt;&lt;</c>
    /// merge key that brought it in, or the function's logical ID for an inherited tag.</summary>
    public Location EditLocation { get; }

    /// <summary>For an inherited tag, where it is written: the Globals key, or the samconfig <c>tags</c> item.</summary>
    public Location? OriginLocation { get; }

    /// <summary>The key's literal text when written as a plain string, else null.</summary>
    public string? KeyText => KeyNode is ScalarNode s ? s.Value : null;

    /// <summary>The key's values, every branch of <c>Fn::If</c> included whatever its condition (docs/conventions.md#c8).</summary>
    public ResolvedValue ResolveKey() => Function.Resource.Template.EveryBranchResolver.Resolve(KeyNode);

    /// <summary>The value's values, every branch of <c>Fn::If</c> included whatever its condition (docs/conventions.md#c8); a missing
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
                TagOrigin.Stack when OriginLocation is not null => target.WithRelated(OriginLocation, $"Tag '{key}' set for the whole stack in {OriginLocation.Path}"),
                _ => target,
            };
        }
    }
}

/// <summary>
/// One environment variable a function has as deployed (<c>Environment.Variables</c>), its own or merged from SAM
/// <c>Globals.Function.Environment</c>. The value stays an expression; nothing is resolved.
/// </summary>
public sealed class EnvironmentVariable : IReportable
{
    internal EnvironmentVariable(LambdaFunction function, MappingEntry entry, bool isInherited, bool isConditional)
    {
        Function = function;
        Entry = entry;
        IsInherited = isInherited;
        IsConditional = isConditional;
    }

    /// <summary>The function.</summary>
    public LambdaFunction Function { get; }

    /// <summary>The variable's entry under <c>Variables</c> (in the function, or in Globals when inherited).</summary>
    public MappingEntry Entry { get; }

    /// <summary>The variable's name as written, or null for a complex key.</summary>
    public string? Name => Entry.KeyText;

    /// <summary>The value as written (aliases followed).</summary>
    public SyntaxNode Value => Entry.Value;

    /// <summary>Whether the variable comes from <c>Globals.Function.Environment.Variables</c>.</summary>
    public bool IsInherited { get; }

    /// <summary>Whether the variable sits in a branch of <c>Fn::If</c> (of <c>Environment</c> or <c>Variables</c>).</summary>
    public bool IsConditional { get; }

    /// <inheritdoc />
    public DiagnosticTarget Target
    {
        get
        {
            var path = $"Properties.Environment.Variables.{Name}";
            return IsInherited
                ? new DiagnosticTarget(Function.Resource.Entry.Key.Location, Function.Resource.LogicalLocation, path, [])
                    .WithRelated(Entry.KeyLocation, $"Environment variable '{Name}' set for every function in Globals")
                : new DiagnosticTarget(Entry.KeyLocation, Function.Resource.LogicalLocation, path, []);
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

    // A class, not a tuple: Lazy over a value type has no ReadyToRun code (JIT-compiled at every start).
    private readonly Lazy<TagsRead> _tags;
    private readonly Lazy<IReadOnlyList<EnvironmentVariable>> _environment;

    internal LambdaFunction(Resource resource)
    {
        Resource = resource;
        _tags = new(ReadTags, LazyThreadSafetyMode.ExecutionAndPublication);
        _environment = new(ReadEnvironment, LazyThreadSafetyMode.ExecutionAndPublication);
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
    /// each in written order; tags in both branches of <c>Fn::If</c> are included (docs/conventions.md#c8).</summary>
    public IReadOnlyList<TagEntry> Tags => _tags.Value.Tags;

    /// <summary>
    /// The environment variables as deployed, one per name: Globals variables the function does not override first,
    /// then its own, each in written order. Variables in either branch of an <c>Fn::If</c> that gives
    /// <c>Environment</c> or <c>Variables</c> are included (both branches, whatever the condition); another intrinsic
    /// function in their place contributes nothing.
    /// </summary>
    /// <remarks>SAM Globals rules: maps merge key by key and the function's value wins, so global and own variables
    /// unite; an intrinsic function counts as a scalar, so a function whose <c>Environment</c> or <c>Variables</c> is an
    /// intrinsic function replaces the global variables. Source: AWS SAM developer guide, "Globals section of the AWS SAM
    /// template"; aws/serverless-application-model <c>samtranslator/plugins/globals/globals.py</c>.</remarks>
    public IReadOnlyList<EnvironmentVariable> EnvironmentVariables => _environment.Value;

    /// <summary>Places where tags cannot be read statically.</summary>
    public IReadOnlyList<UnreadableTags> UnreadableTags => _tags.Value.Unreadable;

    /// <summary>
    /// The deployed function name when static (docs/conventions.md#c9): <c>FunctionName</c> resolving to exactly one string; null otherwise.
    /// </summary>
    public string? StaticName => FunctionName is { } name && Resource.Template.Resolver.Resolve(name.Value).TryGetString(out var text) && text.Length > 0 ? text : null;

    private List<EnvironmentVariable> ReadEnvironment()
    {
        var own = new List<EnvironmentVariable>();
        var ownEnvironment = Resource.FindProperty("Environment");
        var replacesGlobals = false;
        if (ownEnvironment is not null)
        {
            // A function whose Environment or Variables is an intrinsic function replaces the global variables.
            replacesGlobals = !IsPlainMapping(ownEnvironment.Value);
            foreach (var (environment, conditional) in Branches(ownEnvironment.Value, false))
            {
                if (environment.Find("Variables") is not { } variables)
                    continue;
                replacesGlobals |= !IsPlainMapping(variables.Value);
                foreach (var (map, inBranch) in Branches(variables.Value, conditional))
                    own.AddRange(map.EffectiveEntries().Select(e => new EnvironmentVariable(this, ownEnvironment.MergeKey is null ? e : e.ViaMerge(ownEnvironment.MergeKey), false, inBranch)));
            }
        }

        var result = new List<EnvironmentVariable>();
        if (!replacesGlobals && Resource.GetGlobalEntry("Environment")?.Value is MappingNode globalEnvironment && IsPlainMapping(globalEnvironment)
            && globalEnvironment.GetValue("Variables") is MappingNode globalVariables && IsPlainMapping(globalVariables))
        {
            var ownNames = own.Select(v => v.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
            result.AddRange(globalVariables.EffectiveEntries()
                .Where(e => e.KeyText is null || !ownNames.Contains(e.KeyText))
                .Select(e => new EnvironmentVariable(this, e, true, false)));
        }

        result.AddRange(own);
        return result;
    }

    private static bool IsPlainMapping(SyntaxNode node) => node is MappingNode && !IntrinsicFunction.Is(node);

    /// <summary>The plain mappings a value may be: itself, or the branches of <c>Fn::If</c> (nested ones too).</summary>
    private static IEnumerable<(MappingNode Map, bool Conditional)> Branches(SyntaxNode node, bool conditional)
    {
        node = node.Resolve();
        if (IsPlainMapping(node))
        {
            yield return ((MappingNode)node, conditional);
            yield break;
        }

        if (IntrinsicFunction.TryGet(node, out var function) && function.Name == "Fn::If" && function.ValidateForm() is null && function.Argument is SequenceNode branches)
        {
            foreach (var branch in Branches(branches.Items[1], true))
                yield return branch;
            foreach (var branch in Branches(branches.Items[2], true))
                yield return branch;
        }
    }

    private TagsRead ReadTags()
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

        // Stack-level tags (samconfig tags) reach every taggable resource; a resource's own tag of the same key wins.
        var stackTags = Resource.Template.Settings.StackTags;
        if (stackTags.Count > 0)
        {
            var keys = tags.Select(t => t.KeyText).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var stackTag in stackTags)
            {
                if (keys.Add(stackTag.Key.Value))
                    tags.Add(new TagEntry(this, TagOrigin.Stack, stackTag.Key, stackTag.Value, Resource.Entry.Key.Location, isConditional: false, stackTag.Location));
            }
        }

        return new TagsRead(tags, unreadable);
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

    // Tags that a merge key brought into the function are reported at that '<<' key, not inside the anchor (docs/conventions.md#c7).
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

    private sealed record TagsRead(IReadOnlyList<TagEntry> Tags, IReadOnlyList<UnreadableTags> Unreadable);
}
