using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Text;
using PolicyLint.Core.Workspace;

namespace PolicyLint.Core.Configuration;

/// <summary>A severity as configured: a level, <c>none</c> (off), or <c>default</c> (the rule's own).</summary>
public readonly record struct ConfiguredSeverity
{
    private ConfiguredSeverity(DiagnosticSeverity? severity, bool isDefault)
    {
        Severity = severity;
        IsDefault = isDefault;
    }

    /// <summary>The level, or null when the rule is off (or <see cref="IsDefault"/>).</summary>
    public DiagnosticSeverity? Severity { get; }

    /// <summary>Whether the setting asks for the rule's default severity.</summary>
    public bool IsDefault { get; }

    /// <summary>Turns the rule off.</summary>
    public static ConfiguredSeverity Off { get; } = new(null, false);

    /// <summary>The rule's default.</summary>
    public static ConfiguredSeverity Default { get; } = new(null, true);

    /// <summary>A level.</summary>
    public static ConfiguredSeverity Of(DiagnosticSeverity severity) => new(severity, false);

    /// <summary>Applies the setting to a descriptor: its effective severity, or null when off.</summary>
    public DiagnosticSeverity? ApplyTo(DiagnosticDescriptor descriptor) => IsDefault ? descriptor.DefaultSeverity : Severity;

    /// <summary>
    /// Parses PolicyLint's words (<c>none</c>, <c>note</c>, <c>warning</c>, <c>error</c>, <c>default</c>) or, when
    /// <paramref name="roslyn"/> is set, Roslyn's (<c>error</c>, <c>warning</c>, <c>suggestion</c> → note,
    /// <c>silent</c>/<c>none</c> → off, <c>default</c>), per docs/conventions.md#c20. The comparison is ordinal; callers reading Roslyn
    /// files lower-case the text first, as Roslyn compares these values case-insensitively.
    /// </summary>
    /// <returns>False, with <paramref name="severity"/> set to <see cref="Default"/>, when the word is not one of those.</returns>
    public static bool TryParse(string text, bool roslyn, out ConfiguredSeverity severity)
    {
        ConfiguredSeverity? parsed = (text, roslyn) switch
        {
            ("error", _) => Of(DiagnosticSeverity.Error),
            ("warning", _) => Of(DiagnosticSeverity.Warning),
            ("note", false) => Of(DiagnosticSeverity.Note),
            ("suggestion", true) => Of(DiagnosticSeverity.Note),
            ("none", _) => Off,
            ("silent", true) => Off,
            ("default", _) => Default,
            _ => null,
        };
        severity = parsed ?? Default;
        return parsed is not null;
    }
}

/// <summary>Where severity configuration comes from, highest precedence first (docs/conventions.md#c20). Command-line flags rank above
/// all of them; they set no severities, and the command line applies them (<c>--ledger</c>, <c>--stack-name</c>,
/// <c>--parameter</c>) over <see cref="EffectiveConfiguration"/>.</summary>
public enum ConfigurationSourceKind
{
    /// <summary><c>.policylint.yaml</c> or <c>--config FILE</c>.</summary>
    PolicyLintYaml,

    /// <summary><c>.globalconfig</c> at the root.</summary>
    GlobalConfig,

    /// <summary><c>.editorconfig</c> at the root (global section and <c>[*]</c>).</summary>
    EditorConfig,
}

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

/// <summary>A configuration error (PL0004): where and what.</summary>
/// <param name="Location">The offending key (or value).</param>
/// <param name="Message">What is wrong, without a final period.</param>
public sealed record ConfigurationProblem(Location Location, string Message);

/// <summary>
/// Everything configuration decides for a run, merged from every source by precedence (docs/conventions.md#c20): command line, then
/// <c>.policylint.yaml</c>, then <c>.globalconfig</c>, then <c>.editorconfig</c>, then defaults.
/// </summary>
public sealed record EffectiveConfiguration
{
    /// <summary>Root-relative ledger path, or null for the default.</summary>
    public string? LedgerPath { get; init; }

    /// <summary>Extra include globs (relative to the root), added to the default file kinds.</summary>
    public ImmutableArray<string> Include { get; init; } = [];

    /// <summary>Exclude globs (relative to the root).</summary>
    public ImmutableArray<string> Exclude { get; init; } = [];

    /// <summary><c>AWS::StackName</c> for every template, or null.</summary>
    public string? StackName { get; init; }

    /// <summary>Root-relative paths of AWS CLI exports of the deployed state (<c>deployed</c>), files or folders.</summary>
    public ImmutableArray<string> Deployed { get; init; } = [];

    /// <summary>The samconfig environment to read (<c>config_env</c>), or null for <c>default</c> (docs/conventions.md#c21).</summary>
    public string? ConfigEnv { get; init; }

    /// <summary>Parse limits (<c>limits</c>: <c>max_file_bytes</c>, <c>max_depth</c>, <c>max_alias_expansion</c>,
    /// <c>max_files</c>; docs/conventions.md#c16), or null when not configured (then <see cref="ParseLimits.Default"/>).</summary>
    public ParseLimits? Limits { get; init; }

    /// <summary>Parameter overrides by name.</summary>
    public ImmutableDictionary<string, string> Parameters { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Rule option values by key (<c>PL3002.expiring_within_days</c>), validated.</summary>
    public ImmutableDictionary<string, string> RuleOptions { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Severity settings per source, highest precedence first.</summary>
    public ImmutableArray<SeveritySettings> Severities { get; init; } = [];

    /// <summary>Root-relative paths of the configuration files read (they are not templates).</summary>
    public ImmutableArray<string> Files { get; init; } = [];

    /// <summary>PL0004 problems; when any exists the run stops with exit code 2.</summary>
    public ImmutableArray<ConfigurationProblem> Problems { get; init; } = [];

    /// <summary><see cref="Problems"/> as PL0004 diagnostics (error, never re-severitied or suppressed), in report
    /// order (docs/conventions.md#c19).</summary>
    public IReadOnlyList<Diagnostic> ProblemDiagnostics()
    {
        var descriptor = EngineDiagnostics.InvalidConfiguration;
        var diagnostics = Problems.Select(p => new Diagnostic(descriptor, DiagnosticTarget.At(p.Location), descriptor.FormatMessage(p.Message))).ToList();
        diagnostics.Sort(Diagnostic.Compare);
        return diagnostics;
    }

    /// <summary>The effective severity of <paramref name="descriptor"/>: the first source (by precedence) that sets the
    /// rule or its category decides, per-ID over per-category within a source; PL0001 and PL0004 never change.</summary>
    public DiagnosticSeverity? SeverityOf(DiagnosticDescriptor descriptor)
    {
        if (!descriptor.IsConfigurable)
            return descriptor.DefaultSeverity;
        foreach (var source in Severities)
        {
            if (source.For(descriptor) is { } setting)
                return setting.ApplyTo(descriptor);
        }

        return descriptor.DefaultSeverity;
    }

    /// <summary>What to load under <paramref name="root"/> by this configuration: its ledger (explicit when set), its
    /// <c>include</c>/<c>exclude</c> globs, parameters and stack name; the configuration files are never templates.
    /// Command-line flags are applied over the result by the caller.</summary>
    public LoadRequest ToLoadRequest(string root) => new()
    {
        Root = root,
        LedgerPath = LedgerPath ?? LoadRequest.DefaultLedgerPath,
        LedgerIsExplicit = LedgerPath is not null,
        ExcludedPaths = Files.ToHashSet(StringComparer.Ordinal),
        IsIncluded = GlobFilter.Create(Include),
        IsExcluded = GlobFilter.Create(Exclude),
        Resolution = new ResolutionSettings { ParameterOverrides = Parameters, StackName = StackName },
        ConfigEnvironment = ConfigEnv ?? Workspace.SamConfig.DefaultEnvironment,
        Limits = Limits ?? ParseLimits.Default,
        DeployedPaths = Deployed,
    };

    /// <summary>Analysis options on <paramref name="today"/> with this configuration's rule options and the effective
    /// severities of <paramref name="catalog"/>.</summary>
    public AnalysisOptions ToAnalysisOptions(DateOnly today, IEnumerable<DiagnosticDescriptor> catalog) => new()
    {
        Today = today,
        RuleOptionValues = RuleOptions,
        SeverityOverrides = SeverityOverrides(catalog),
    };

    /// <summary>The severity overrides for <see cref="Analysis.AnalysisOptions.SeverityOverrides"/>: every rule whose
    /// effective severity differs from its default.</summary>
    public IReadOnlyDictionary<string, DiagnosticSeverity?> SeverityOverrides(IEnumerable<DiagnosticDescriptor> catalog) =>
        SeverityOverrideMap.Create(catalog, SeverityOf);
}
