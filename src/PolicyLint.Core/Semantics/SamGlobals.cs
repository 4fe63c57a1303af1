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
