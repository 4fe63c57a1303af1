using System.Globalization;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Semantics;

/// <summary>A template parameter.</summary>
/// <param name="Name">The parameter's logical ID.</param>
/// <param name="Entry">Its entry under <c>Parameters</c>.</param>
/// <param name="Type">Its <c>Type</c> (<c>String</c> when absent).</param>
/// <param name="Default">Its <c>Default</c> value node, or null.</param>
public sealed record Parameter(string Name, MappingEntry Entry, string Type, SyntaxNode? Default)
{
    /// <summary>Whether the parameter holds a list (<c>CommaDelimitedList</c>, <c>List&lt;…&gt;</c>).</summary>
    public bool IsList => Type == "CommaDelimitedList" || Type.StartsWith("List<", StringComparison.Ordinal)
        || Type.StartsWith("AWS::SSM::Parameter::Value<List<", StringComparison.Ordinal);
}

/// <summary>A problem the semantic model found that makes the template invalid (PL0001).</summary>
/// <param name="Location">Where.</param>
/// <param name="Message">What, without a final period.</param>
public sealed record TemplateProblem(Location Location, string Message);

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
    private readonly List<TemplateProblem> _problems = [];
    private readonly HashSet<Location> _problemLocations = [];
    private readonly Lock _problemsLock = new();

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
    /// condition: for values where either branch counts, exclusion tags (C8) and KMS keys (C15).</summary>
    public ValueResolver EveryBranchResolver { get; }

    /// <summary>Transforms named by <c>Transform</c> (a string or a list), in order.</summary>
    public IReadOnlyList<string> Transforms { get; private set; } = [];

    /// <summary>Whether the template uses the SAM transform.</summary>
    public bool IsSam => Transforms.Contains(SamTransform);

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

    /// <summary><c>Fn::ForEach::…</c> entries under <c>Resources</c> (AWS::LanguageExtensions); not expanded.</summary>
    public IReadOnlyList<MappingEntry> ForEachEntries { get; private set; } = [];

    /// <summary>Problems that make the template invalid (duplicate logical IDs, invalid intrinsic forms read so far).</summary>
    public IReadOnlyList<TemplateProblem> Problems
    {
        get
        {
            lock (_problemsLock)
                return [.. _problems];
        }
    }

    /// <summary>The resource with <paramref name="logicalId"/>, or null.</summary>
    public Resource? GetResource(string logicalId) => _resourceIndex.GetValueOrDefault(logicalId);

    /// <summary>
    /// Whether a parsed document is a template (C3): its root is a mapping whose <c>Resources</c> is a mapping with
    /// at least one entry that is a mapping with a string <c>Type</c>.
    /// </summary>
    public static bool IsTemplate(SyntaxNode? root)
    {
        if (root is not MappingNode mapping || mapping.Find("Resources")?.RawValue.Resolve() is not MappingNode resources)
            return false;
        foreach (var entry in resources.Entries)
        {
            if (entry.RawValue is MappingNode resource && resource.Find("Type")?.RawValue is ScalarNode { IsNull: false })
                return true;
        }

        return false;
    }

    /// <summary>Binds document <paramref name="documentIndex"/> of <paramref name="tree"/>; null when it is not a template.</summary>
    /// <exception cref="ParseLimitExceededException">Reading through aliases exceeds the limit.</exception>
    public static TemplateModel? Bind(SyntaxTree tree, int documentIndex, ResolutionSettings settings)
    {
        var root = tree.Documents[documentIndex];
        if (!IsTemplate(root))
            return null;
        var mapping = (MappingNode)root!;
        var model = new TemplateModel(tree, documentIndex, mapping, mapping.Find("Resources")!, settings);
        model.BindSections();
        return model;
    }

    /// <summary>Records an invalid intrinsic form (PL0001); the same location is recorded once.</summary>
    public void ReportInvalidForm(Location location, string message)
    {
        lock (_problemsLock)
        {
            if (_problemLocations.Add(location)) // a set: a template with many invalid forms is not quadratic
                _problems.Add(new TemplateProblem(location, message));
        }
    }

    /// <summary>Where a result about the whole template goes: the <c>Resources</c> key.</summary>
    public DiagnosticTarget ResourcesTarget => DiagnosticTarget.At(ResourcesEntry.KeyLocation, "Resources");

    private void BindSections()
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

        if (IsSam && Root.Find("Globals") is { } globalsEntry && globalsEntry.Value is MappingNode globals)
            Globals = new SamGlobals(globalsEntry, globals);

        var forEach = new List<MappingEntry>();
        var resources = (MappingNode)ResourcesEntry.Value;
        foreach (var entry in resources.EffectiveEntries())
        {
            if (entry.KeyText is not { } logicalId)
                continue;
            if (logicalId.StartsWith("Fn::ForEach::", StringComparison.Ordinal))
            {
                forEach.Add(entry);
                continue;
            }

            if (entry.Value is not MappingNode body || body.Find("Type") is not { } typeEntry || typeEntry.Value is not ScalarNode { IsNull: false } type)
                continue;
            if (_resourceIndex.ContainsKey(logicalId))
                continue; // a repeated key: already PL0001 from the parser
            if (parameters.TryGetValue(logicalId, out var parameter))
            {
                var line = parameter.Entry.Key.Location.Start.Line;
                ReportInvalidForm(entry.Key.Location,
                    string.Create(CultureInfo.InvariantCulture, $"Duplicate logical ID '{logicalId}': declared as a parameter (line {line}) and as a resource"));
            }

            var resource = new Resource(this, logicalId, entry, body, type.Value);
            _resources.Add(resource);
            _resourceIndex.Add(logicalId, resource);
            if (LambdaFunction.IsFunctionType(type.Value))
                _functions.Add(new LambdaFunction(resource));
        }

        ForEachEntries = forEach;
    }
}
