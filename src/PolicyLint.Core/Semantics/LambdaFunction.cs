using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Semantics;

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
    /// each in written order; tags in both branches of <c>Fn::If</c> are included (docs/conventions.md#c8). Then the stack-level tags of
    /// keys it does not set: samconfig <c>tags</c>, and those of the nested stacks whose child its template is
    /// (<see cref="TemplateModel.InheritedStackTags"/>).</summary>
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

    /// <summary>Whether a stack that nests this function's template (or one further up) has <c>Tags</c> that cannot be
    /// read statically: a tag the function gets may then be unknown. The PL0002 is reported at that stack.</summary>
    public bool HasUnreadableInheritedTags => Resource.Template.HasUnreadableInheritedTags;

    /// <summary>
    /// The deployed function name when static (docs/conventions.md#c9): <c>FunctionName</c> resolving to exactly one string; null otherwise.
    /// </summary>
    public string? StaticName => FunctionName is { } name && Resource.Template.Resolver.Resolve(name.Value).TryGetString(out var text) && text.Length > 0 ? text : null;

    /// <summary>
    /// What the deployed name depends on that can change from one deployment of the template to another: each template
    /// parameter (<c>parameter Stage</c>) and pseudo parameter (<c>pseudo parameter AWS::StackName</c>) that
    /// <c>FunctionName</c> refers to, through <c>Ref</c>, <c>Fn::Sub</c> variables, or the conditions of an
    /// <c>Fn::If</c>, in written order, each once. Empty when there is no <c>FunctionName</c> or it depends on none
    /// (a literal). <c>AWS::NoValue</c> is not a dependency. A samconfig environment sets a name only through
    /// parameters (<c>parameter_overrides</c>) and <c>AWS::StackName</c>/<c>AWS::Region</c> (<c>stack_name</c>,
    /// <c>region</c>), so a name with no dependency is the same in every environment.
    /// </summary>
    /// <remarks>Sources: AWS CloudFormation User Guide, "Pseudo parameters reference"
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html) and "Fn::Sub"
    /// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html).</remarks>
    public IReadOnlyList<string> NameDependencies()
    {
        var found = new List<string>();
        if (FunctionName is { } name)
            CollectDependencies(name.Value, found, new HashSet<string>(StringComparer.Ordinal), 0);
        return found;
    }

    private void CollectDependencies(SyntaxNode node, List<string> found, HashSet<string> conditions, int depth)
    {
        node = node.Resolve();
        if (depth > 64)
            return;
        var template = Resource.Template;
        switch (node)
        {
            case MappingNode mapping when IntrinsicFunction.TryGet(mapping, out var function):
                switch (function.Name)
                {
                    case "Ref" when function.Argument is ScalarNode reference:
                        AddReference(reference.Value, found);
                        return;
                    case "Condition" when function.Argument is ScalarNode condition:
                        AddCondition(condition.Value, found, conditions, depth);
                        return;
                    case "Fn::If" when function.Argument is SequenceNode { Count: > 0 } items && items[0] is ScalarNode condition:
                        AddCondition(condition.Value, found, conditions, depth);
                        break;
                    case "Fn::Sub":
                    {
                        var format = function.Argument as ScalarNode ?? (function.Argument as SequenceNode is { Count: > 0 } list ? list[0] as ScalarNode : null);
                        var variables = function.Argument is SequenceNode { Count: > 1 } withVariables ? withVariables[1].Resolve() as MappingNode : null;
                        foreach (var variable in SubVariables(format?.Value ?? string.Empty))
                        {
                            if (variables?.Find(variable) is null && (variable.StartsWith("AWS::", StringComparison.Ordinal) || !variable.Contains('.', StringComparison.Ordinal)))
                                AddReference(variable, found);
                        }

                        if (variables is not null)
                            CollectDependencies(variables, found, conditions, depth + 1);
                        return;
                    }
                }

                CollectDependencies(function.Argument, found, conditions, depth + 1);
                return;
            case MappingNode mapping:
                foreach (var entry in mapping.Entries)
                    CollectDependencies(entry.Value, found, conditions, depth + 1);
                return;
            case SequenceNode sequence:
                foreach (var item in sequence.Items)
                    CollectDependencies(item, found, conditions, depth + 1);
                return;
        }

        void AddReference(string reference, List<string> list)
        {
            var what = reference.StartsWith("AWS::", StringComparison.Ordinal)
                ? reference == "AWS::NoValue" ? null : $"pseudo parameter {reference}"
                : template.Parameters.ContainsKey(reference) ? $"parameter {reference}" : null;
            if (what is not null && !list.Contains(what, StringComparer.Ordinal))
                list.Add(what);
        }
    }

    private void AddCondition(string condition, List<string> found, HashSet<string> conditions, int depth)
    {
        if (conditions.Add(condition) && Resource.Template.Conditions.TryGetValue(condition, out var entry))
            CollectDependencies(entry.Value, found, conditions, depth + 1);
    }

    /// <summary>The variable names of an <c>Fn::Sub</c> format string: each <c>${name}</c>, trimmed; <c>${!…}</c> is
    /// literal text.</summary>
    private static IEnumerable<string> SubVariables(string format)
    {
        for (var open = format.IndexOf("${", StringComparison.Ordinal); open >= 0; open = format.IndexOf("${", open + 2, StringComparison.Ordinal))
        {
            var close = format.IndexOf('}', open + 2);
            if (close < 0)
                yield break;
            if (format[open + 2] != '!')
                yield return format[(open + 2)..close].Trim();
        }
    }

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
        var functionKeys = tags.Select(t => t.KeyText).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (stackTags.Count > 0)
        {
            var keys = new HashSet<string>(functionKeys, StringComparer.Ordinal);
            foreach (var stackTag in stackTags)
            {
                if (keys.Add(stackTag.Key.Value))
                    tags.Add(new TagEntry(this, TagOrigin.Stack, stackTag.Key, stackTag.Value, Resource.Entry.Key.Location, isConditional: false, stackTag.Location));
            }
        }

        // So do the stack-level tags of the nested stack resources whose child this template is, when it is deployed as a
        // nested stack: each written tag once, whatever the stacks it comes through; the function's own tag of a key wins.
        var written = tags.Select(t => t.OriginLocation).OfType<Location>().ToHashSet();
        foreach (var inherited in Resource.Template.InheritedStackTags)
        {
            // A samconfig tag that the template's folder gives it directly is not taken again through a parent there.
            if ((inherited.KeyText is null || !functionKeys.Contains(inherited.KeyText)) && !written.Contains(inherited.Location))
                tags.Add(new TagEntry(this, TagOrigin.NestedStack, inherited.Key, inherited.Value, Resource.Entry.Key.Location, inherited.IsConditional, inherited.Location, inherited));
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
