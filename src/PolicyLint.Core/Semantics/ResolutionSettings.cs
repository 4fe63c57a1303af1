using System.Collections.Immutable;

namespace PolicyLint.Core.Semantics;

/// <summary>
/// What PolicyLint knows about the deployment without calling AWS: parameter overrides and the pseudo
/// parameters that only configuration can tell (docs/conventions.md#c9).
/// </summary>
public sealed record ResolutionSettings
{
    /// <summary>No overrides, no stack name, Region or account.</summary>
    public static ResolutionSettings Default { get; } = new();

    /// <summary>Parameter values that win over template defaults (from configuration or samconfig), by name.</summary>
    public IReadOnlyDictionary<string, string> ParameterOverrides { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary><c>AWS::StackName</c>, when configured.</summary>
    public string? StackName { get; init; }

    /// <summary><c>AWS::Region</c>, when configured.</summary>
    public string? Region { get; init; }

    /// <summary><c>AWS::AccountId</c>, when configured.</summary>
    public string? AccountId { get; init; }

    /// <summary>Stack-level tags (samconfig <c>tags</c>) that CloudFormation propagates to every taggable resource.</summary>
    public IReadOnlyList<StackTag> StackTags { get; init; } = [];
}
