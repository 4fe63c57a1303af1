using System.Globalization;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// One CloudFormation or SAM template (one YAML document or JSON file): its parameters, conditions, mappings,
/// resources with their effective properties, SAM Globals, and a value resolver bound to the project's settings.
/// </summary>
public sealed class TemplateModel
{
    /// <summary>The SAM transform that enables <c>AWS::Serverless::*</c> and <c>Globals</c>.</summary>
    public const string SamTransform = "AWS::Serverless-2016-10-31";

    private readonly Dictionary<string, Resource> _resourceIndex = new(StringComparer.Ordinal);
    private readonly List<Resource> _resources = [];
    private readonly List<LambdaFunction> _functions = [];
    private readonly List<NestedStack> _nestedStacks = [];
    private ValueResolver? _possibleValuesResolver;

    private TemplateModel(SyntaxTree tree, int documentIndex, MappingNode root, MappingEntry resourcesEntry, ResolutionSettings settings)
    {
        Tree = tree;
        DocumentIndex = documentIndex;
        Root = root;
        ResourcesEntry = resourcesEntry;
        Settings = settings;
        Resolver = new ValueResolver(this, settings);
        EveryBranchResolver = new ValueResolver(this, settings, everyBranch: true);
    }

    /// <summary>The file's syntax tree.</summary>
    public SyntaxTree Tree { get; }

    /// <summary>Root-relative path.</summary>
    public string Path => Tree.Source.Path;

    /// <summary>Index of the document in a multi-document YAML stream (0 for most files).</summary>
    public int DocumentIndex { get; }

    /// <summary>The document's root mapping.</summary>
    public MappingNode Root { get; }

    /// <summary>The <c>Resources</c> entry (its key is where template-level results without a better place go).</summary>
    public MappingEntry ResourcesEntry { get; }

    /// <summary>The settings values are resolved with.</summary>
    public ResolutionSettings Settings { get; }

    /// <summary>Resolves expressions of this template.</summary>
    public ValueResolver Resolver { get; }

    /// <summary>Resolves expressions of this template taking both branches of every <c>Fn::If</c>, whatever its
    /// condition: for values where either branch counts, exclusion tags (docs/conventions.md#c8) and KMS keys (docs/conventions.md#c15).</summary>
    public ValueResolver EveryBranchResolver { get; }

    /// <summary>As <see cref="EveryBranchResolver"/>, also enumerating the values a parameter's <c>AllowedValues</c>,
    /// the rows of <c>Fn::FindInMap</c> and the items of <c>Fn::Select</c> offer where a key or index cannot be known:
    /// for exclusion tags (docs/conventions.md#c8). Created on first use.</summary>
    internal ValueResolver PossibleValuesResolver => _possibleValuesResolver ??
        LazyInitializer.EnsureInitialized(ref _possibleValuesResolver, () => new ValueResolver(this, Settings, possibleValues: true));

    /// <summary>Transforms named by <c>Transform</c> (a string or a list), in order.</summary>
    public IReadOnlyList<string> Transforms { get; private set; } = [];

    /// <summary>
    /// Whether the template is a SAM template: it names the SAM transform, or it declares an <c>AWS::Serverless::*</c>
    /// resource without it. Such a template is read as SAM everywhere (its <c>Globals</c> merged into its functions),
    /// as the SAM CLI reads it (<c>sam build</c>, <c>sam local</c> apply <c>Globals</c> whatever the <c>Transform</c>
    /// line); CloudFormation would reject its <c>AWS::Serverless::*</c> types, so the SAM template is the one its author
    /// means, and an exclusion tag set in its <c>Globals</c> is not missed.
    /// </summary>
    public bool IsSam => Transforms.Contains(SamTransform) || DeclaresServerlessResources;

    /// <summary>Whether a resource's <c>Type</c> is an <c>AWS::Serverless::*</c> type.</summary>
    public bool DeclaresServerlessResources { get; private set; }

    /// <summary>Parameters by name (ordinal).</summary>
    public IReadOnlyDictionary<string, Parameter> Parameters { get; private set; } = new Dictionary<string, Parameter>();

    /// <summary>Condition entries by name (ordinal).</summary>
    public IReadOnlyDictionary<string, MappingEntry> Conditions { get; private set; } = new Dictionary<string, MappingEntry>();

    /// <summary>The <c>Mappings</c> section, or null.</summary>
    public MappingNode? Mappings { get; private set; }

    /// <summary>The template-level <c>Metadata</c> section, or null.</summary>
    public MappingNode? Metadata { get; private set; }

    /// <summary>SAM <c>Globals</c>, or null when the template has none.</summary>
    public SamGlobals? Globals { get; private set; }

    /// <summary>Resources in written order (entries that are not resource mappings with a <c>Type</c> are left out).</summary>
    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>Lambda functions (<c>AWS::Lambda::Function</c>, <c>AWS::Serverless::Function</c>) in written order.</summary>
    public IReadOnlyList<LambdaFunction> Functions => _functions;

    /// <summary>Nested stacks (<c>AWS::CloudFormation::Stack</c>, <c>AWS::Serverless::Application</c>) in written order.</summary>
    public IReadOnlyList<NestedStack> NestedStacks => _nestedStacks;

    /// <summary>The nested stacks of the project's templates whose child template this one is (its <c>TemplateURL</c> or
    /// <c>Location</c> is this file); empty until the project model links the templates, and for a template deployed only
    /// on its own.</summary>
    public IReadOnlyList<NestedStack> ParentStacks { get; internal set; } = [];

    /// <summary>The stack-level tags this template's resources get from the stacks that nest it, through any number of
    /// parents (<see cref="NestedStack.PropagatedTags"/>); each written tag once. Set when the project model links the
    /// templates.</summary>
    public IReadOnlyList<PropagatedTag> InheritedStackTags { get; internal set; } = [];

    /// <summary>Whether a stack that nests this template, or one further up, has <c>Tags</c> that cannot be read
    /// statically, so that a tag this template's resources get may be unknown.</summary>
    public bool HasUnreadableInheritedTags { get; internal set; }

    /// <summary><c>Fn::ForEach::…</c> entries under <c>Resources</c> (AWS::LanguageExtensions) that could not be
    /// expanded (their collection is not static), with the reason; what they generate is unknown (PL0002). The loops that
    /// could be expanded are not here: their resources are in <see cref="Resources"/>, located in the loop's template.</summary>
    public IReadOnlyList<UnexpandedForEach> UnexpandedForEach { get; private set; } = [];

    /// <summary>PL0001 problems found when the template was bound, before any rule runs (docs/conventions.md#c4): a name declared both
    /// as a parameter and as a resource, and every invalid intrinsic function form in the places a deployment
    /// evaluates. None of them blinds the template: the rest of it is analyzed, a value that depends on an invalid
    /// form being unknown.</summary>
    public IReadOnlyList<TemplateProblem> Problems { get; private set; } = [];

    /// <summary>When reading the template's evaluated places through YAML aliases exceeds the limit (docs/conventions.md#c16), the PL0001
    /// problem at the alias that crossed it, or when merging <c>Globals.Function.Tags</c> exceeds
    /// <see cref="MaxMergedGlobalTags"/>, the problem at that <c>Tags</c> key; then the template is not analyzed (no rule
    /// ever reads it), as a file with a syntax error. Null otherwise.</summary>
    public TemplateProblem? LimitExceeded { get; private set; }

    /// <summary>The JSON documents the template's resources hold as strings (event patterns, topic policies), parsed
    /// when the template is bound.</summary>
    public EmbeddedDocuments EmbeddedDocuments { get; private set; } = EmbeddedDocuments.Empty;

    /// <summary>The resource with <paramref name="logicalId"/>, or null.</summary>
    public Resource? GetResource(string logicalId) => _resourceIndex.GetValueOrDefault(logicalId);

    /// <summary>
    /// Whether a parsed document is a template (docs/conventions.md#c3): its root is a mapping whose <c>Resources</c> is a mapping with
    /// at least one entry that is a mapping with a string <c>Type</c>, or a <c>Fn::ForEach::…</c> loop (a template
    /// whose resources are all generated by loops is a template too).
    /// </summary>
    public static bool IsTemplate(SyntaxNode? root)
    {
        if (root is not MappingNode mapping || mapping.Find("Resources")?.RawValue.Resolve() is not MappingNode resources)
            return false;
        foreach (var entry in resources.Entries)
        {
            if (entry.RawValue is MappingNode resource && resource.Find("Type")?.RawValue is ScalarNode { IsNull: false })
                return true;
            if (entry.KeyText is { } key && key.StartsWith("Fn::ForEach::", StringComparison.Ordinal) && entry.RawValue is SequenceNode)
                return true;
        }

        return false;
    }

    /// <summary>Binds document <paramref name="documentIndex"/> of <paramref name="tree"/>; null when it is not a
    /// template. Never throws on bad input: what is wrong is in <see cref="Problems"/> and <see cref="LimitExceeded"/>.
    /// The model is immutable afterwards (its lazily computed views only cache what it already determines).</summary>
    /// <param name="tree">The parsed file.</param>
    /// <param name="documentIndex">The document.</param>
    /// <param name="settings">How values resolve.</param>
    /// <param name="aliasBudget">The file's alias budget, shared by its documents (docs/conventions.md#c16: the limit is per file); a new
    /// one when null.</param>
    public static TemplateModel? Bind(SyntaxTree tree, int documentIndex, ResolutionSettings settings, AliasBudget? aliasBudget = null)
    {
        var root = tree.Documents[documentIndex];
        if (!IsTemplate(root))
            return null;
        var mapping = (MappingNode)root!;
        var model = new TemplateModel(tree, documentIndex, mapping, mapping.Find("Resources")!, settings);
        var budget = aliasBudget ?? new AliasBudget(tree.Limits);
        var binder = new TemplateBinder(budget);
        if (!binder.Bind(mapping))
        {
            var problem = budget.Problem!;
            model.LimitExceeded = new TemplateProblem(problem.Location, problem.Message);
            return model;
        }

        var problems = new List<TemplateProblem>(binder.Problems);
        model.BindSections(problems);
        model.Problems = problems;
        model.LimitExceeded = model.CheckGlobalTagMerge();
        return model;
    }

    /// <summary>
    /// Most tag entries that merging SAM <c>Globals.Function.Tags</c> into a template's functions may make: the global
    /// tags (both branches of an <c>Fn::If</c> counted) times the functions that take them. Each function carries its own
    /// copy of every global tag it inherits, so a template over it would cost time and memory quadratic in its size; it
    /// is PL0001 at the <c>Tags</c> key under <c>Globals.Function</c> and is not analyzed, as a file over a parse limit
    /// (docs/conventions.md#c16). 100,000 is four times what a deployable template can make: CloudFormation accepts 500
    /// resources per template (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html)
    /// and a resource carries at most 50 user tags (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html).
    /// </summary>
    public const long MaxMergedGlobalTags = 100_000;

    /// <summary>The problem when merging <c>Globals.Function.Tags</c> would make more than <see cref="MaxMergedGlobalTags"/>
    /// tag entries, else null. Counts without merging: linear in the global tags and the functions.</summary>
    private TemplateProblem? CheckGlobalTagMerge()
    {
        if (Globals?.Node.GetValue("Function") is not MappingNode section || section.Find("Tags") is not { } tagsEntry)
            return null;
        long functions = 0;
        foreach (var function in _functions)
        {
            if (function.Resource.GetGlobalEntry("Tags") is not null)
                functions++;
        }

        if (functions == 0)
            return null;
        var tags = CountTags(tagsEntry.Value, 0);
        if (tags * functions <= MaxMergedGlobalTags)
            return null;
        return new TemplateProblem(tagsEntry.Key.Location, string.Create(CultureInfo.InvariantCulture,
            $"Globals.Function.Tags holds {tags:N0} tags and {functions:N0} functions take them: merging them would make {tags * functions:N0} tag entries, more than the limit of {MaxMergedGlobalTags:N0} per template"));

        static long CountTags(SyntaxNode node, int depth)
        {
            node = node.Resolve();
            if (depth < 64 && IntrinsicFunction.TryGet(node, out var function))
            {
                return function.Name == "Fn::If" && function.Argument is SequenceNode { Count: 3 } branches
                    ? CountTags(branches.Items[1], depth + 1) + CountTags(branches.Items[2], depth + 1)
                    : 0;
            }

            return node switch
            {
                MappingNode map => map.EffectiveEntries().Count(),
                SequenceNode list => list.Count,
                _ => 0,
            };
        }
    }

    /// <summary>Where a result about the whole template goes: the <c>Resources</c> key.</summary>
    public DiagnosticTarget ResourcesTarget => DiagnosticTarget.At(ResourcesEntry.KeyLocation, "Resources");

    private void BindSections(List<TemplateProblem> problems)
    {
        Transforms = Root.GetValue("Transform") switch
        {
            ScalarNode s => [s.Value],
            SequenceNode list => [.. list.Items.Select(i => i.AsScalar()?.Value).OfType<string>()],
            _ => [],
        };
        Mappings = Root.GetValue("Mappings") as MappingNode;
        Metadata = Root.GetValue("Metadata") as MappingNode;

        var parameters = new Dictionary<string, Parameter>(StringComparer.Ordinal);
        if (Root.GetValue("Parameters") is MappingNode parameterSection)
        {
            foreach (var entry in parameterSection.EffectiveEntries())
            {
                if (entry.KeyText is not { } name || entry.Value is not MappingNode body)
                    continue;
                var type = body.GetValue("Type")?.AsScalar()?.Value ?? "String";
                parameters.TryAdd(name, new Parameter(name, entry, type, body.Find("Default")?.RawValue));
            }
        }

        Parameters = parameters;

        var conditions = new Dictionary<string, MappingEntry>(StringComparer.Ordinal);
        if (Root.GetValue("Conditions") is MappingNode conditionSection)
        {
            foreach (var entry in conditionSection.EffectiveEntries())
            {
                if (entry.KeyText is { } name)
                    conditions.TryAdd(name, entry);
            }
        }

        Conditions = conditions;

        DeclaresServerlessResources = ((MappingNode)ResourcesEntry.Value).EffectiveEntries().Any(e =>
            e.Value is MappingNode body && body.GetValue("Type") is ScalarNode { Value: var type } && type.StartsWith("AWS::Serverless::", StringComparison.Ordinal));
        if (IsSam && Root.Find("Globals") is { } globalsEntry && globalsEntry.Value is MappingNode globals)
            Globals = new SamGlobals(globalsEntry, globals);

        var unexpanded = new List<UnexpandedForEach>();
        var resources = (MappingNode)ResourcesEntry.Value;
        var expander = new ForEachExpander(this);
        var entries = new List<(string LogicalId, MappingEntry Entry)>();
        foreach (var entry in resources.EffectiveEntries())
        {
            if (entry.KeyText is not { } key)
                continue;
            if (!key.StartsWith("Fn::ForEach::", StringComparison.Ordinal))
            {
                entries.Add((key, entry));
                continue;
            }

            var generated = new List<GeneratedResource>();
            if (expander.TryExpand(entry, generated, out var reason))
                entries.AddRange(generated.Select(g => (g.LogicalId, g.Entry)));
            else
                unexpanded.Add(new UnexpandedForEach(entry, reason));
        }

        foreach (var (logicalId, entry) in entries)
        {
            if (entry.Value is not MappingNode body || body.Find("Type") is not { } typeEntry || typeEntry.Value is not ScalarNode { IsNull: false } type)
                continue;
            if (_resourceIndex.ContainsKey(logicalId))
                continue; // a logical ID a loop generates twice, or that is also written: CloudFormation rejects the template
            if (parameters.TryGetValue(logicalId, out var parameter))
            {
                var line = parameter.Entry.Key.Location.Start.Line;
                problems.Add(new TemplateProblem(entry.Key.Location,
                    string.Create(CultureInfo.InvariantCulture, $"Duplicate logical ID '{logicalId}': declared as a parameter (line {line}) and as a resource")));
            }

            var resource = new Resource(this, logicalId, entry, body, type.Value);
            _resources.Add(resource);
            _resourceIndex.Add(logicalId, resource);
            if (LambdaFunction.IsFunctionType(type.Value))
                _functions.Add(new LambdaFunction(resource));
            else if (NestedStack.IsNestedStackType(type.Value))
                _nestedStacks.Add(new NestedStack(resource));
        }

        UnexpandedForEach = unexpanded;
        EmbeddedDocuments = EmbeddedDocuments.Read(_resources);
    }
}
