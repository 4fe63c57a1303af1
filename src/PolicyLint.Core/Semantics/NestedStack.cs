using System.Text.RegularExpressions;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// A nested stack: an <c>AWS::CloudFormation::Stack</c> (<c>TemplateURL</c>, <c>Tags</c> a list of
/// <c>Key</c>/<c>Value</c>) or an <c>AWS::Serverless::Application</c> (<c>Location</c>, <c>Tags</c> a map), with
/// where its child template is and the stack-level tags it passes to the child's resources.
/// </summary>
/// <remarks>
/// CloudFormation propagates a stack's tags to the resources created in it (AWS CloudFormation Template Reference,
/// "AWS::CloudFormation::Stack", <c>Tags</c>: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html);
/// SAM deploys an <c>AWS::Serverless::Application</c> as an <c>AWS::CloudFormation::Stack</c> whose <c>Tags</c> are the
/// application's map (AWS SAM Developer Guide, "AWS::Serverless::Application":
/// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-application.html).
/// A local relative <c>TemplateURL</c> or <c>Location</c> is what <c>sam build</c>, <c>sam package</c> and
/// <c>aws cloudformation package</c> accept and upload, resolved from the parent template's folder
/// (https://docs.aws.amazon.com/cli/latest/reference/cloudformation/package.html).
/// </remarks>
public sealed partial class NestedStack
{
    /// <summary>CloudFormation's nested stack type.</summary>
    public const string StackType = "AWS::CloudFormation::Stack";

    /// <summary>SAM's nested application type.</summary>
    public const string ApplicationType = "AWS::Serverless::Application";

    /// <summary>How deep a chain of nested stacks is followed (a parent, a grandparent, …) before PolicyLint stops.</summary>
    public const int MaxDepth = 32;

    private readonly Lazy<(IReadOnlyList<PropagatedTag> Tags, IReadOnlyList<UnreadableTags> Unreadable)> _ownTags;

    // Resolved on first use, not while the template is bound: the location may refer to resources declared after it.
    private readonly Lazy<(string? Path, string? Problem)> _child;
    private bool _linked;
    private string? _linkProblem;

    internal NestedStack(Resource resource)
    {
        Resource = resource;
        LocationEntry = resource.FindProperty(LocationProperty);
        _child = new(FindChild, LazyThreadSafetyMode.ExecutionAndPublication);
        _ownTags = new(ReadOwnTags, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether <paramref name="type"/> is a nested stack type.</summary>
    public static bool IsNestedStackType(string type) => type is StackType or ApplicationType;

    /// <summary>The resource.</summary>
    public Resource Resource { get; }

    /// <summary>The logical ID.</summary>
    public string LogicalId => Resource.LogicalId;

    /// <summary>The property that locates the child template: <c>TemplateURL</c> or <c>Location</c>.</summary>
    public string LocationProperty => Resource.Type == ApplicationType ? "Location" : "TemplateURL";

    /// <summary>The <see cref="LocationProperty"/> entry, or null.</summary>
    public MappingEntry? LocationEntry { get; }

    /// <summary>The root-relative path (with <c>/</c>) the child template is at when its location is a local relative
    /// path inside the root; null otherwise.</summary>
    public string? ChildPath => _child.Value.Path;

    /// <summary>The templates of <see cref="ChildPath"/> among the project's (one per template document); empty when
    /// the child is not analyzed. Set when the project model is built.</summary>
    public IReadOnlyList<TemplateModel> Children { get; private set; } = [];

    /// <summary>Why the child template is not analyzed, as a clause (<c>its TemplateURL 's3://…' is not a path in the
    /// repository</c>); null when <see cref="Children"/> holds it.</summary>
    public string? ChildProblem => _linked ? _linkProblem : _child.Value.Problem;

    /// <summary>The stack's own <c>Tags</c> (a map or a list of <c>Key</c>/<c>Value</c>; both branches of
    /// <c>Fn::If</c>), in written order.</summary>
    public IReadOnlyList<PropagatedTag> OwnTags => _ownTags.Value.Tags;

    /// <summary>Places in the stack's own <c>Tags</c> that cannot be read statically.</summary>
    public IReadOnlyList<UnreadableTags> UnreadableTags => _ownTags.Value.Unreadable;

    /// <summary>
    /// The stack-level tags the child's resources get from this stack: its own <c>Tags</c>, then the parent stack's
    /// stack-level tags whose key it does not set itself (samconfig <c>tags</c> of the parent template's folder, and what
    /// the parent template gets from the stacks that nest it). Set when the project model is built.
    /// </summary>
    public IReadOnlyList<PropagatedTag> PropagatedTags { get; private set; } = [];

    /// <summary>Whether a tag that reaches the child may be unknown: the stack's own <c>Tags</c>, or those of a stack
    /// that nests its template, cannot be read statically.</summary>
    public bool HasUnreadableTags { get; private set; }

    /// <summary>How messages name the stack: <c>nested stack 'Orders' in template.yaml</c>.</summary>
    public string Describe() => $"nested stack '{LogicalId}' in {Resource.Template.Path}";

    /// <inheritdoc />
    public override string ToString() => $"{LogicalId} ({Resource.Template.Path})";

    /// <summary>
    /// Links every nested stack of <paramref name="templates"/> to its child templates and computes the stack-level tags
    /// each template gets from the stacks that nest it (<see cref="TemplateModel.ParentStacks"/>,
    /// <see cref="TemplateModel.InheritedStackTags"/>). A chain is followed at most <see cref="MaxDepth"/> stacks deep;
    /// a template that nests itself, directly or through others, is followed once around the cycle (CloudFormation
    /// cannot create such a stack without a condition that ends it). Each written tag is taken once per template,
    /// whatever the routes that bring it, so the work is bounded by the templates times the tags written.
    /// </summary>
    /// <param name="templates">The project's templates.</param>
    /// <param name="brokenTemplatePaths">Root-relative paths of template files that could not be analyzed.</param>
    internal static void Link(IReadOnlyList<TemplateModel> templates, IReadOnlySet<string> brokenTemplatePaths)
    {
        var byPath = templates.GroupBy(t => t.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var parents = templates.ToDictionary(t => t, _ => new List<NestedStack>());
        foreach (var template in templates)
        {
            foreach (var stack in template.NestedStacks)
            {
                var (path, problem) = stack._child.Value;
                stack._linked = true;
                stack._linkProblem = problem;
                stack.Children = [];
                if (path is null)
                    continue;
                if (byPath.TryGetValue(path, out var children))
                {
                    stack.Children = children;
                    foreach (var child in children)
                        parents[child].Add(stack);
                }
                else
                {
                    stack._linkProblem = brokenTemplatePaths.Contains(path)
                        ? $"its template '{path}' could not be analyzed (PL0001)"
                        : $"its template '{path}' is not among the analyzed templates (missing, excluded, or not a template)";
                }
            }
        }

        foreach (var template in templates)
            template.ParentStacks = parents[template];

        var linker = new Linker();
        foreach (var template in templates)
        {
            var (tags, unreadable) = linker.Inherited(template, 0);
            template.InheritedStackTags = tags;
            template.HasUnreadableInheritedTags = unreadable;
            foreach (var stack in template.NestedStacks)
                (stack.PropagatedTags, stack.HasUnreadableTags) = linker.Propagated(stack, 0);
        }
    }

    private (string? Path, string? Problem) FindChild()
    {
        var name = LocationProperty;
        if (LocationEntry is not { } entry)
            return (null, $"it has no {name}");
        var node = entry.Value;
        if (Resource.Type == ApplicationType && node is MappingNode location && !IntrinsicFunction.Is(location))
        {
            var id = location.GetValue("ApplicationId") is { } applicationId && Resource.Template.Resolver.Resolve(applicationId).TryGetString(out var text) ? $" '{text}'" : string.Empty;
            return (null, $"its template is the AWS Serverless Application Repository application{id}");
        }

        var value = Resource.Template.Resolver.Resolve(node);
        if (!value.TryGetString(out var url))
            return (null, value.FirstUnresolvedReason is { } reason
                ? $"its {name} depends on what is known only at deploy time: {reason}"
                : $"its {name} is not a single string");
        if (UrlScheme().IsMatch(url))
            return (null, $"its template '{url}' is not in the repository");
        if (url.Length == 0 || url.StartsWith('/') || url.Contains('\\', StringComparison.Ordinal))
            return (null, $"its {name} '{url}' is not a relative path in the repository");

        var folder = Resource.Template.Path.LastIndexOf('/') is var slash and >= 0 ? Resource.Template.Path[..slash] : string.Empty;
        var segments = new List<string>(folder.Length == 0 ? [] : folder.Split('/'));
        foreach (var segment in url.Split('/'))
        {
            if (segment is "" or ".")
                continue;
            if (segment == "..")
            {
                if (segments.Count == 0)
                    return (null, $"its {name} '{url}' is outside the root");
                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        var path = string.Join('/', segments);
        return path.Length == 0 ? (null, $"its {name} '{url}' names no file") : (path, null);
    }

    private (IReadOnlyList<PropagatedTag>, IReadOnlyList<UnreadableTags>) ReadOwnTags()
    {
        var tags = new List<PropagatedTag>();
        var unreadable = new List<UnreadableTags>();
        if (Resource.FindProperty("Tags") is { } entry)
            Collect(entry.Value, entry, conditional: false, tags, unreadable);
        return (tags, unreadable);
    }

    private void Collect(SyntaxNode node, MappingEntry tagsEntry, bool conditional, List<PropagatedTag> tags, List<UnreadableTags> unreadable)
    {
        if (IntrinsicFunction.TryGet(node, out var function))
        {
            if (function.Name == "Fn::If" && function.ValidateForm() is null && function.Argument is SequenceNode branches)
            {
                Collect(branches[1], tagsEntry, true, tags, unreadable);
                Collect(branches[2], tagsEntry, true, tags, unreadable);
                return;
            }

            if (!IntrinsicFunction.IsNoValue(node))
                unreadable.Add(Unreadable(tagsEntry, tagsEntry.KeyLocation, Resource.Template.Resolver.Resolve(node).FirstUnresolvedReason ?? $"Tags is given by {function.Name}"));
            return;
        }

        switch (node.Resolve())
        {
            case MappingNode map:
                foreach (var item in map.EffectiveEntries())
                    tags.Add(Tag(item.Key, item.Value, item.KeyLocation, conditional, tagsEntry));
                break;
            case SequenceNode list:
                foreach (var item in list.Items)
                    CollectItem(item, tagsEntry, conditional, tags, unreadable);
                break;
        }
    }

    private void CollectItem(SyntaxNode item, MappingEntry tagsEntry, bool conditional, List<PropagatedTag> tags, List<UnreadableTags> unreadable)
    {
        if (IntrinsicFunction.TryGet(item, out var function))
        {
            if (function.Name == "Fn::If" && function.ValidateForm() is null && function.Argument is SequenceNode branches)
            {
                CollectItem(branches[1], tagsEntry, true, tags, unreadable);
                CollectItem(branches[2], tagsEntry, true, tags, unreadable);
                return;
            }

            if (!IntrinsicFunction.IsNoValue(item))
                unreadable.Add(Unreadable(tagsEntry, item.Location, Resource.Template.Resolver.Resolve(item).FirstUnresolvedReason ?? $"a tag is given by {function.Name}"));
            return;
        }

        if (item.Resolve() is MappingNode map && map.Find("Key") is { } keyEntry)
            tags.Add(Tag(keyEntry.Value, map.Find("Value")?.Value, keyEntry.KeyLocation, conditional, tagsEntry));
    }

    // A tag that a merge key brought into the resource is located at that '<<' key, not inside the anchor (docs/conventions.md#c7).
    private PropagatedTag Tag(SyntaxNode key, SyntaxNode? value, Location keyLocation, bool conditional, MappingEntry tagsEntry) =>
        new(key, value, tagsEntry.MergeKey is null ? keyLocation : tagsEntry.KeyLocation, Resource.Template, conditional, this, [this]);

    private UnreadableTags Unreadable(MappingEntry tagsEntry, Location location, string reason) =>
        new(new DiagnosticTarget(tagsEntry.MergeKey is null ? location : tagsEntry.KeyLocation, Resource.LogicalLocation, "Properties.Tags", []), reason);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*://")]
    private static partial Regex UrlScheme();

    /// <summary>Computes <see cref="PropagatedTags"/> and inherited tags, each once when no cycle cut it short, within
    /// a step budget.</summary>
    private sealed class Linker
    {
        private const int MaxSteps = 100_000;
        // Values are a class, not a value tuple: a dictionary over a value type is JIT-compiled at every start, the
        // runtime's precompiled code has none for it (issue 15).
        private readonly Dictionary<NestedStack, Linked> _stacks = [];
        private readonly Dictionary<TemplateModel, Linked> _templates = [];
        private readonly HashSet<TemplateModel> _visiting = [];
        private int _cuts;
        private int _steps;

        public (IReadOnlyList<PropagatedTag> Tags, bool Unreadable) Propagated(NestedStack stack, int depth)
        {
            if (_stacks.TryGetValue(stack, out var done))
                return (done.Tags, done.Unreadable);
            var cuts = _cuts;
            var tags = new List<PropagatedTag>(stack.OwnTags);
            var ownKeys = stack.OwnTags.Select(t => t.KeyText).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var seen = tags.Select(t => t.Location).ToHashSet();
            var parent = stack.Resource.Template;

            // The parent stack's own stack-level tags reach the nested stack resource, as any resource; its own tag of
            // a key wins.
            foreach (var stackTag in parent.Settings.StackTags)
            {
                if (!ownKeys.Contains(stackTag.Key.Value) && seen.Add(stackTag.Location))
                    tags.Add(new PropagatedTag(stackTag.Key, stackTag.Value, stackTag.Location, parent, false, null, [stack]));
            }

            var (inherited, unreadable) = Inherited(parent, depth + 1);
            foreach (var tag in inherited)
            {
                if ((tag.KeyText is null || !ownKeys.Contains(tag.KeyText)) && seen.Add(tag.Location))
                    tags.Add(tag with { Route = [stack, .. tag.Route] });
            }

            var result = ((IReadOnlyList<PropagatedTag>)tags, unreadable || stack.UnreadableTags.Count > 0);
            if (_cuts == cuts)
                _stacks[stack] = new Linked(result.Item1, result.Item2); // a result that a cycle cut short is computed again where it is needed
            return result;
        }

        public (IReadOnlyList<PropagatedTag> Tags, bool Unreadable) Inherited(TemplateModel template, int depth)
        {
            if (_templates.TryGetValue(template, out var done))
                return (done.Tags, done.Unreadable);
            if (depth > MaxDepth || ++_steps > MaxSteps || !_visiting.Add(template))
            {
                _cuts++;
                return ([], false); // a cycle, or a chain deeper or wider than any real one: followed no further
            }

            var cuts = _cuts;
            var tags = new List<PropagatedTag>();
            var seen = new HashSet<Location>();
            var unreadable = false;
            foreach (var stack in template.ParentStacks)
            {
                var (propagated, stackUnreadable) = Propagated(stack, depth);
                unreadable |= stackUnreadable;
                tags.AddRange(propagated.Where(t => seen.Add(t.Location)));
            }

            _visiting.Remove(template);
            var result = ((IReadOnlyList<PropagatedTag>)tags, unreadable);
            if (_cuts == cuts)
                _templates[template] = new Linked(result.Item1, result.Item2);
            return result;
        }

        /// <summary>A computed result of <see cref="Propagated"/> or <see cref="Inherited"/>.</summary>
        private sealed record Linked(IReadOnlyList<PropagatedTag> Tags, bool Unreadable);
    }
}
