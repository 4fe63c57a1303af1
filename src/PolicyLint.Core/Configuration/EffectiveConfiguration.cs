using System.Collections.Immutable;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Configuration;

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

    /// <summary>The severity overrides for <see cref="AnalysisOptions.SeverityOverrides"/>: every rule whose
    /// effective severity differs from its default.</summary>
    public IReadOnlyDictionary<string, DiagnosticSeverity?> SeverityOverrides(IEnumerable<DiagnosticDescriptor> catalog) =>
        SeverityOverrideMap.Create(catalog, SeverityOf);

    /// <summary>
    /// One configuration warning (<see cref="ToolNotification.IsConfiguration"/>) per rule of <paramref name="catalog"/>
    /// that is an error by default and that this configuration turns off or lowers, and per option it sets of such a rule
    /// that it keeps at error (<c>PL3004.placeholder_pattern</c>): the rules that make a commit fail
    /// (an unrecorded exclusion, an expired or invalid ledger entry). Changing them is the configuration's right
    /// (docs/conventions.md#c20), but a gate opened in a configuration file is said in every run, next to the results,
    /// never only in the file. The notification's path is the file that decides, in <see cref="Severities"/> order.
    /// </summary>
    /// <param name="catalog">The run's descriptors.</param>
    /// <returns>The warnings in ID order of <paramref name="catalog"/>; empty when no such rule is changed.</returns>
    public IReadOnlyList<ToolNotification> WeakenedErrorRules(IEnumerable<DiagnosticDescriptor> catalog)
    {
        var result = new List<ToolNotification>();
        foreach (var descriptor in catalog)
        {
            if (!descriptor.IsConfigurable || descriptor.DefaultSeverity != DiagnosticSeverity.Error)
                continue;
            var severity = SeverityOf(descriptor);
            if (severity == DiagnosticSeverity.Error)
            {
                // Options are read from .policylint.yaml (or --config) only; one that narrows what such a rule reports
                // (PL3004.placeholder_pattern) opens the gate as surely as a severity does.
                foreach (var option in RuleOptions.Keys.Where(k => k.StartsWith(descriptor.Id + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                {
                    result.Add(new ToolNotification("warning",
                        $"the configuration sets {option}, an option of {descriptor.Id} ({descriptor.Title}), a rule that fails a commit: what it reports depends on that value",
                        PolicyLintFile, IsConfiguration: true));
                }

                continue;
            }

            var source = Severities.First(s => s.For(descriptor) is not null).Kind;
            var file = source switch
            {
                ConfigurationSourceKind.GlobalConfig => ".globalconfig",
                ConfigurationSourceKind.EditorConfig => ".editorconfig",
                _ => PolicyLintFile,
            };
            var change = severity is null
                ? $"turns {descriptor.Id} off ({descriptor.Title}): this run reports none of its results"
                : $"lowers {descriptor.Id} ({descriptor.Title}) from error to {(severity == DiagnosticSeverity.Warning ? "warning" : "note")}: its results do not fail a run at the default --fail-level error";
            result.Add(new ToolNotification("warning", $"the configuration {change}", file, IsConfiguration: true));
        }

        return result;
    }

    /// <summary>The root-relative path of <c>.policylint.yaml</c> or the <c>--config</c> file, as read.</summary>
    private string PolicyLintFile => Files.FirstOrDefault(f => f is not (".globalconfig" or ".editorconfig")) ?? ".policylint.yaml";
}
