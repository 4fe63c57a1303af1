using PolicyLint.Core.Semantics;

namespace PolicyLint.Rules.Shared;

/// <summary>How messages name a function.</summary>
internal static class FunctionNames
{
    /// <summary>
    /// The function as messages quote it: its logical ID, then its deployed name when static, or its CDK construct
    /// path (<c>Metadata.aws:cdk:path</c>) for synthesized templates: <c>'Worker' (deployed as 'orders-worker')</c>.
    /// </summary>
    public static string Describe(LambdaFunction function)
    {
        var text = $"'{function.LogicalId}'";
        if (function.StaticName is { } name)
            text += $" (deployed as '{name}')";
        else if (function.Resource.CdkPath is { } cdkPath)
            text += $" (CDK construct '{cdkPath}')";
        return text;
    }
}
