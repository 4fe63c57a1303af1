using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Semantics;

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
