using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Configuration;

/// <summary>Severity settings of one configuration source.</summary>
public sealed class SeveritySettings
{
    /// <summary>Creates an empty set for <paramref name="kind"/>.</summary>
    public SeveritySettings(ConfigurationSourceKind kind) => Kind = kind;

    /// <summary>The source.</summary>
    public ConfigurationSourceKind Kind { get; }

    /// <summary>Per rule ID.</summary>
    public Dictionary<string, ConfiguredSeverity> ById { get; } = new(StringComparer.Ordinal);

    /// <summary>Per category.</summary>
    public Dictionary<RuleCategory, ConfiguredSeverity> ByCategory { get; } = [];

    /// <summary>This source's setting for <paramref name="descriptor"/>: per-ID first, then its category; null when silent.</summary>
    public ConfiguredSeverity? For(DiagnosticDescriptor descriptor) =>
        ById.TryGetValue(descriptor.Id, out var byId) ? byId
        : ByCategory.TryGetValue(descriptor.Category, out var byCategory) ? byCategory
        : null;
}
