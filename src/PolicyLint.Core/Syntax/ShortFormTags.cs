namespace PolicyLint.Core.Syntax;

/// <summary>
/// CloudFormation's YAML short-form tags and the long-form function each stands for.
/// </summary>
/// <remarks>Source: AWS CloudFormation User Guide, "Intrinsic function reference" (each function's
/// "Syntax for the short form"); <c>!ToJsonString</c> and <c>!Length</c> come with the
/// <c>AWS::LanguageExtensions</c> transform.</remarks>
public static class ShortFormTags
{
    private static readonly Dictionary<string, string> LongNames = new(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref",
        ["!Condition"] = "Condition",
        ["!Sub"] = "Fn::Sub",
        ["!GetAtt"] = "Fn::GetAtt",
        ["!If"] = "Fn::If",
        ["!Equals"] = "Fn::Equals",
        ["!Not"] = "Fn::Not",
        ["!And"] = "Fn::And",
        ["!Or"] = "Fn::Or",
        ["!FindInMap"] = "Fn::FindInMap",
        ["!Join"] = "Fn::Join",
        ["!Select"] = "Fn::Select",
        ["!Split"] = "Fn::Split",
        ["!Base64"] = "Fn::Base64",
        ["!Cidr"] = "Fn::Cidr",
        ["!GetAZs"] = "Fn::GetAZs",
        ["!ImportValue"] = "Fn::ImportValue",
        ["!Transform"] = "Fn::Transform",
        ["!ToJsonString"] = "Fn::ToJsonString",
        ["!Length"] = "Fn::Length",
    };

    /// <summary>All short-form tags, e.g. <c>!GetAtt</c>.</summary>
    public static IEnumerable<string> All => LongNames.Keys;

    /// <summary>The long-form name for a short-form tag (<c>!Sub</c> → <c>Fn::Sub</c>), or null.</summary>
    public static string? GetLongName(string tag) => LongNames.GetValueOrDefault(tag);

    /// <summary>Whether a tag is one every YAML reader knows: the core schema's <c>tag:yaml.org,2002:*</c>
    /// tags and the non-specific tag <c>!</c>.</summary>
    public static bool IsStandardYamlTag(string tag) =>
        tag == "!" || tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal);
}
