using System.Collections.Immutable;
using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Configuration;

/// <summary>
/// Settings of one analysis run. <see cref="Today"/> is <c>--today</c>, else the current UTC date (docs/conventions.md#c12); it is
/// never read from configuration.
/// </summary>
public sealed record AnalysisOptions
{
    /// <summary>The day rules compare dates with (a calendar date, no time zone).</summary>
    public required DateOnly Today { get; init; }

    /// <summary>How many templates are analyzed at once: -1 (the default) for every core, 1 for one at a time. The
    /// result does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Configured rule option texts by key (<c>PL3002.expiring_within_days</c>); validated before the run.</summary>
    public IReadOnlyDictionary<string, string> RuleOptionValues { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Effective severity per rule ID when it differs from the default; null means the rule is off.</summary>
    public IReadOnlyDictionary<string, DiagnosticSeverity?> SeverityOverrides { get; init; } = SeverityOverrideMap.Empty;

    /// <summary>The value of <paramref name="option"/>: configured, else its default.</summary>
    public T GetOption<T>(RuleOption<T> option) =>
        RuleOptionValues.TryGetValue(option.Key, out var text) && option.TryParse(text, out var value) ? value : option.DefaultValue;

    /// <summary>The effective severity of a rule, or null when configuration turns it off.</summary>
    public DiagnosticSeverity? GetSeverity(DiagnosticDescriptor descriptor) =>
        descriptor.IsConfigurable && SeverityOverrides.TryGetValue(descriptor.Id, out var severity) ? severity : descriptor.DefaultSeverity;
}
