using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// A view of a node that is an intrinsic function call: a one-entry mapping whose key is <c>Ref</c>,
/// <c>Condition</c> or <c>Fn::…</c>, written in long form or as a short-form tag (the parser makes both the
/// same shape).
/// </summary>
/// <remarks>Source: AWS CloudFormation User Guide, "Intrinsic function reference".</remarks>
public readonly struct IntrinsicFunction
{
    private IntrinsicFunction(MappingNode node, MappingEntry entry)
    {
        Node = node;
        Entry = entry;
    }

    /// <summary>The whole call.</summary>
    public MappingNode Node { get; }

    /// <summary>The single entry: function name and argument.</summary>
    public MappingEntry Entry { get; }

    /// <summary>Long-form name, e.g. <c>Fn::Sub</c> or <c>Ref</c>.</summary>
    public string Name => Entry.KeyText!;

    /// <summary>Whether written as a short-form tag (<c>!Sub</c>).</summary>
    public bool IsShortForm => Node.IsShortFormIntrinsic;

    /// <summary>The argument, aliases followed.</summary>
    public SyntaxNode Argument => Entry.Value;

    /// <summary>Where an invalid form is reported (docs/conventions.md#c4): the argument for the long form, the tag for a short form.</summary>
    public Location ArgumentLocation => IsShortForm ? Entry.Key.Location : Entry.RawValue.Location;

    /// <summary>Whether <paramref name="key"/> names an intrinsic function (or a condition reference).</summary>
    public static bool IsFunctionName(string? key) =>
        key is not null && (key == "Ref" || key == "Condition" || (key.StartsWith("Fn::", StringComparison.Ordinal) && !key.StartsWith("Fn::ForEach::", StringComparison.Ordinal)));

    /// <summary>Reads <paramref name="node"/> (aliases followed) as an intrinsic function call.</summary>
    public static bool TryGet(SyntaxNode? node, out IntrinsicFunction function)
    {
        function = default;
        if (node?.Resolve() is not MappingNode { Count: 1 } mapping)
            return false;
        var entry = mapping.Entries[0];
        if (!IsFunctionName(entry.KeyText))
            return false;
        function = new IntrinsicFunction(mapping, entry);
        return true;
    }

    /// <summary>Whether <paramref name="node"/> is an intrinsic function call.</summary>
    public static bool Is(SyntaxNode? node) => TryGet(node, out _);

    /// <summary>
    /// Whether <paramref name="node"/> (aliases followed) is a pre-processor's directive that another tool replaces
    /// before deployment: a node with a YAML tag that is not CloudFormation's (<c>!Rain::Embed file.sh</c>), or its JSON
    /// form, a one-entry mapping whose key is a <c>Vendor::Name</c> that is not an intrinsic function
    /// (<c>{"Rain::Embed": "file.sh"}</c>). Its value is unknown; it is not an invalid form.
    /// </summary>
    public static bool IsPreprocessorDirective(SyntaxNode? node) => node?.Resolve() switch
    {
        { Tag: { } tag } when !ShortFormTags.IsStandardYamlTag(tag) => true,
        MappingNode { Count: 1 } mapping => mapping.Entries[0].KeyText is { } key && !IsFunctionName(key)
            && !key.StartsWith("AWS::", StringComparison.Ordinal) && key.IndexOf("::", StringComparison.Ordinal) > 0,
        _ => false,
    };

    private static bool IsMacroCall(SyntaxNode node) => node is MappingNode m && m.Find("Name") is not null;

    /// <summary>Whether <paramref name="node"/> is <c>Ref: AWS::NoValue</c>.</summary>
    public static bool IsNoValue(SyntaxNode? node) =>
        TryGet(node, out var f) && f.Name == "Ref" && f.Argument is ScalarNode { Value: "AWS::NoValue" };

    /// <summary>
    /// Checks the argument's shape against the forms CloudFormation accepts (docs/conventions.md#c4) and returns null when valid,
    /// else a sentence naming the accepted form.
    /// </summary>
    public string? ValidateForm()
    {
        var arg = Argument;
        if (IsPreprocessorDirective(arg))
            return null; // replaced before deployment: its value is unknown, not invalid
        var seq = arg as SequenceNode;
        switch (Name)
        {
            case "Ref":
            case "Condition":
                return arg is ScalarNode { IsNull: false } ? null : $"{Name} takes a name (a string)";
            case "Fn::GetAtt":
                if (arg is ScalarNode s)
                {
                    var dot = s.Value.IndexOf('.', StringComparison.Ordinal);
                    return dot > 0 && dot < s.Value.Length - 1 ? null : "Fn::GetAtt string form needs 'LogicalId.Attribute'; this string has no attribute";
                }

                // An intrinsic logical ID (!Sub "Bucket${Name}") is valid under AWS::LanguageExtensions (Fn::ForEach).
                return seq is { Count: 2 } && (seq[0] is ScalarNode || Is(seq[0])) && (seq[1] is ScalarNode || Is(seq[1]))
                    ? null
                    : "Fn::GetAtt takes [LogicalId, Attribute] or 'LogicalId.Attribute'";
            case "Fn::Sub":
                if (arg is ScalarNode { IsNull: false })
                    return null;
                return seq is { Count: 2 } && seq[0] is ScalarNode && seq[1] is MappingNode
                    ? null
                    : "Fn::Sub takes a string or [string, {variable: value}]";
            case "Fn::If":
                return seq is { Count: 3 } && seq[0] is ScalarNode ? null : "Fn::If takes [condition name, value if true, value if false]";
            case "Fn::Join":
                return seq is { Count: 2 } && seq[0] is ScalarNode && (seq[1] is SequenceNode || Is(seq[1]))
                    ? null
                    : "Fn::Join takes [delimiter, [values]]";
            case "Fn::Select":
                return seq is { Count: 2 } && (seq[0] is ScalarNode || Is(seq[0])) && (seq[1] is SequenceNode || Is(seq[1]))
                    ? null
                    : "Fn::Select takes [index, [values]]";
            case "Fn::Split":
                return seq is { Count: 2 } && seq[0] is ScalarNode && (seq[1] is ScalarNode || Is(seq[1]))
                    ? null
                    : "Fn::Split takes [delimiter, string]";
            case "Fn::FindInMap":
                return seq is { Count: 3 or 4 } && (seq.Count == 3 || seq[3] is MappingNode)
                    ? null
                    : "Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey] and an optional {DefaultValue: …}";
            case "Fn::Equals":
                return seq is { Count: 2 } ? null : "Fn::Equals takes [value, value]";
            case "Fn::Not":
                return seq is { Count: 1 } ? null : "Fn::Not takes [condition]";
            case "Fn::And":
            case "Fn::Or":
                return seq is { Count: >= 2 and <= 10 } ? null : $"{Name} takes 2 to 10 conditions";
            case "Fn::ImportValue":
            case "Fn::Base64":
            case "Fn::GetAZs":
                return arg is ScalarNode || Is(arg) ? null : $"{Name} takes one value";
            case "Fn::Cidr":
                return seq is { Count: 3 } ? null : "Fn::Cidr takes [ipBlock, count, cidrBits]";
            case "Fn::Transform":
                // AWS's own macro examples (aws-cloudformation-templates MacrosExamples) also write a list of such calls.
                return IsMacroCall(arg) || (seq is { Count: > 0 } && seq.Items.All(i => IsMacroCall(i.Resolve())))
                    ? null
                    : "Fn::Transform takes {Name: macro, Parameters: {…}}";
            case "Fn::ToJsonString":
                return null;
            case "Fn::Length":
                return seq is not null || Is(arg) ? null : "Fn::Length takes a list";
            default:
                return $"'{Name}' is not an intrinsic function";
        }
    }
}
