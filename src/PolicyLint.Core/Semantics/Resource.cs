using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

/// <summary>SAM <c>Globals</c>: properties applied to every <c>AWS::Serverless::*</c> resource of the template.</summary>
/// <remarks>Source: AWS SAM Developer Guide, "Globals section of the AWS SAM template"; merge rules from
/// aws/serverless-application-model <c>samtranslator/plugins/globals/globals.py</c>.</remarks>
public sealed class SamGlobals
{
    internal SamGlobals(MappingEntry entry, MappingNode node)
    {
        Entry = entry;
        Node = node;
    }

    /// <summary>The <c>Globals</c> entry.</summary>
    public MappingEntry Entry { get; }

    /// <summary>The <c>Globals</c> mapping.</summary>
    public MappingNode Node { get; }

    /// <summary>The Globals section for a SAM resource type (<c>AWS::Serverless::Function</c> → <c>Function</c>), or null
    /// when the type takes no Globals (every non-SAM type, <c>AWS::Lambda::Function</c> included).</summary>
    public MappingNode? SectionFor(string resourceType) => SectionName(resourceType) is { } name ? Node.GetValue(name) as MappingNode : null;

    /// <summary>The name of the Globals section for a resource type, or null.</summary>
    public static string? SectionName(string resourceType) => resourceType switch
    {
        "AWS::Serverless::Function" => "Function",
        "AWS::Serverless::Api" => "Api",
        "AWS::Serverless::HttpApi" => "HttpApi",
        "AWS::Serverless::SimpleTable" => "SimpleTable",
        "AWS::Serverless::StateMachine" => "StateMachine",
        "AWS::Serverless::LayerVersion" => "LayerVersion",
        _ => null,
    };
}

/// <summary>
/// A property value as deployed after SAM Globals are merged: the resource's own entry wins; without one the
/// Globals entry applies and the result is reported at the resource's logical ID with the Globals entry as a
/// related location (docs/conventions.md#c7).
/// </summary>
public sealed class EffectiveProperty : IReportable
{
    internal EffectiveProperty(Resource resource, string path, MappingEntry? own, MappingEntry? global)
    {
        Resource = resource;
        Path = path;
        Own = own;
        Global = global;
    }

    /// <summary>The resource.</summary>
    public Resource Resource { get; }

    /// <summary>Dotted path under <c>Properties</c>, e.g. <c>KmsKeyArn</c> or <c>Code.SourceKMSKeyArn</c>.</summary>
    public string Path { get; }

    /// <summary>The property's last path segment.</summary>
    public string Name => Path[(Path.LastIndexOf('.') + 1)..];

    /// <summary>The resource's own entry, or null when inherited from Globals.</summary>
    public MappingEntry? Own { get; }

    /// <summary>The Globals entry, or null when the resource's own value is used or Globals do not set it.</summary>
    public MappingEntry? Global { get; }

    /// <summary>Whether the value comes from Globals.</summary>
    public bool IsInherited => Own is null;

    /// <summary>The entry in effect.</summary>
    public MappingEntry Entry => Own ?? Global!;

    /// <summary>The value in effect (aliases followed).</summary>
    public SyntaxNode Value => Entry.Value;

    /// <inheritdoc />
    public DiagnosticTarget Target
    {
        get
        {
            var target = new DiagnosticTarget(
                Own?.KeyLocation ?? Resource.Entry.Key.Location,
                Resource.LogicalLocation,
                "Properties." + Path,
                []);
            return Global is not null && Own is null
                ? target.WithRelated(Global.KeyLocation, $"{Path} set for every function in Globals")
                : target;
        }
    }
}

/// <summary>A resource: an entry under <c>Resources</c> whose value is a mapping with a <c>Type</c>.</summary>
public sealed class Resource
{
    internal Resource(TemplateModel template, string logicalId, MappingEntry entry, MappingNode node, string type)
    {
        Template = template;
        LogicalId = logicalId;
        Entry = entry;
        Node = node;
        Type = type;
        Properties = node.GetValue("Properties") as MappingNode;
        Metadata = node.GetValue("Metadata") as MappingNode;
        ConditionEntry = node.Find("Condition");
    }

    /// <summary>The template.</summary>
    public TemplateModel Template { get; }

    /// <summary>The logical ID.</summary>
    public string LogicalId { get; }

    /// <summary>The entry under <c>Resources</c>; its key is the logical-ID key.</summary>
    public MappingEntry Entry { get; }

    /// <summary>The resource body.</summary>
    public MappingNode Node { get; }

    /// <summary>The resource type, e.g. <c>AWS::Serverless::Function</c>.</summary>
    public string Type { get; }

    /// <summary>The resource's own <c>Properties</c>, or null.</summary>
    public MappingNode? Properties { get; }

    /// <summary>The resource's <c>Metadata</c>, or null.</summary>
    public MappingNode? Metadata { get; }

    /// <summary>The resource's <c>Condition</c> attribute entry, or null.</summary>
    public MappingEntry? ConditionEntry { get; }

    /// <summary>The condition name, or null.</summary>
    public string? Condition => ConditionEntry?.Value.AsScalar()?.Value;

    /// <summary>The SARIF logical location of the resource.</summary>
    public LogicalLocation LogicalLocation => LogicalLocation.ForResource(Template.Path, LogicalId);

    /// <summary>The CDK construct path from <c>Metadata.aws:cdk:path</c>, or null.</summary>
    public string? CdkPath => Metadata?.GetValue("aws:cdk:path")?.AsScalar()?.Value;

    /// <summary>A target at the logical-ID key.</summary>
    public DiagnosticTarget Target => new(Entry.Key.Location, LogicalLocation, string.Empty, []);

    /// <summary>A target at <paramref name="entry"/>'s key (or the merge key that brought it in).</summary>
    public DiagnosticTarget TargetAt(MappingEntry entry, string propertyPath) =>
        new(entry.KeyLocation, LogicalLocation, propertyPath, []);

    /// <summary>A target at <paramref name="node"/> (for values inside lists or strings).</summary>
    public DiagnosticTarget TargetAt(SyntaxNode node, string propertyPath) =>
        new(node.Location, LogicalLocation, propertyPath, []);

    /// <summary>
    /// Whether SAM applies the Globals property <paramref name="name"/> to this resource: the resource type has a
    /// Globals section and the <c>IgnoreGlobals</c> attribute (<c>"*"</c> or a list of names) does not name it.
    /// </summary>
    public bool UsesGlobal(string name)
    {
        if (Template.Globals is null || SamGlobals.SectionName(Type) is null)
            return false;
        return Node.GetValue("IgnoreGlobals") switch
        {
            ScalarNode { Value: "*" } => false,
            ScalarNode s => !string.Equals(s.Value, name, StringComparison.Ordinal),
            SequenceNode list => !list.Items.Any(i => string.Equals(i.AsScalar()?.Value, name, StringComparison.Ordinal)),
            _ => true,
        };
    }

    /// <summary>
    /// The property at dotted <paramref name="path"/> under <c>Properties</c> as deployed: the resource's own entry,
    /// else (for a top-level property of a SAM resource) the Globals entry; null when neither sets it.
    /// </summary>
    public EffectiveProperty? GetProperty(string path)
    {
        var own = FindProperty(path);
        if (own is not null)
            return new EffectiveProperty(this, path, own, null);
        if (!path.Contains('.', StringComparison.Ordinal) && UsesGlobal(path) && Template.Globals!.SectionFor(Type)?.Find(path) is { } global)
            return new EffectiveProperty(this, path, null, global);
        return null;
    }

    /// <summary>The Globals entry for a top-level property that SAM merges into this resource, or null.</summary>
    public MappingEntry? GetGlobalEntry(string name) =>
        UsesGlobal(name) ? Template.Globals!.SectionFor(Type)?.Find(name) : null;

    /// <summary>The entry at dotted <paramref name="path"/> under <c>Properties</c>, or null. When a YAML merge key
    /// on the way brought it in (<c>Properties: {&lt;&lt;: *base}</c>), the outermost such <c>&lt;&lt;</c> (the one
    /// inside this resource) becomes its <see cref="MappingEntry.MergeKey"/>, where it is reported (docs/conventions.md#c7).</summary>
    internal MappingEntry? FindProperty(string path)
    {
        var propertiesEntry = Node.Find("Properties");
        var node = propertiesEntry?.Value as MappingNode;
        var mergeKey = propertiesEntry?.MergeKey;
        MappingEntry? entry = null;
        foreach (var segment in path.Split('.'))
        {
            if (node is null)
                return null;
            entry = node.Find(segment);
            if (entry is null)
                return null;
            mergeKey ??= entry.MergeKey;
            node = entry.Value as MappingNode;
        }

        return mergeKey is null || ReferenceEquals(entry!.MergeKey, mergeKey) ? entry : entry!.ViaMerge(mergeKey);
    }

    /// <inheritdoc />
    public override string ToString() => $"{LogicalId} ({Type})";
}
