using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Workspace;

namespace PolicyLint.Core.Inputs;

/// <summary>What to load.</summary>
public sealed record LoadRequest
{
    /// <summary>Absolute root directory; the whole root is always analyzed (docs/conventions.md#c3).</summary>
    public required string Root { get; init; }

    /// <summary>Root-relative ledger path; <see cref="DefaultLedgerPath"/> when not configured.</summary>
    public string LedgerPath { get; init; } = DefaultLedgerPath;

    /// <summary>Whether the ledger path was given explicitly (then a missing file is a usage error, docs/conventions.md#c18).</summary>
    public bool LedgerIsExplicit { get; init; }

    /// <summary>Root-relative paths that are not templates even if they look like one (the configuration file).</summary>
    public IReadOnlySet<string> ExcludedPaths { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Extra exclusion on root-relative paths (configuration <c>exclude</c> globs), or null.</summary>
    public Func<string, bool>? IsExcluded { get; init; }

    /// <summary>Extra inclusion of root-relative paths beyond the default file kinds (configuration <c>include</c>), or null.</summary>
    public Func<string, bool>? IsIncluded { get; init; }

    /// <summary>How template values resolve; command-line and configuration values, which win over samconfig's.</summary>
    public ResolutionSettings Resolution { get; init; } = ResolutionSettings.Default;

    /// <summary>The samconfig environment to read (<c>--config-env</c>, <c>config_env</c>; default <c>default</c>, docs/conventions.md#c21);
    /// <see cref="SamConfig.EveryEnvironment"/> (<c>*</c>) for every environment, one load each
    /// (<see cref="Loading.ProjectLoader.LoadEveryEnvironment"/>, <see cref="Analysis.AnalysisRunner"/>).</summary>
    public string ConfigEnvironment { get; init; } = SamConfig.DefaultEnvironment;

    /// <summary>Parse limits (docs/conventions.md#c16).</summary>
    public ParseLimits Limits { get; init; } = ParseLimits.Default;

    /// <summary>Where the files are read from: the working tree under <see cref="Root"/> when null, else the git index
    /// or a commit (<see cref="GitFileSource"/>) or a test double.</summary>
    public IFileSource? Source { get; init; }

    /// <summary>Words that make a file over <see cref="ParseLimits.MaxFileBytes"/> a PL0001 wherever they appear in it,
    /// besides what makes it look like a template (docs/conventions.md#c4): the rule pack's exclusion tag keys, so that an over-limit file
    /// that mentions one never passes silently.</summary>
    public IReadOnlyList<string> OverLimitMarkers { get; init; } = [];

    /// <summary><see cref="Source"/>, else the working tree under <see cref="Root"/>.</summary>
    public IFileSource Files => Source ?? new PhysicalFileSource(Root);

    /// <summary>How many files are read and parsed at once: -1 (the default) for every core, 1 for one at a time.
    /// The result does not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Whether a load of many files may ask the runtime to run no garbage collection until the run has
    /// allocated about what it is expected to, estimated from what a sample of its files allocated when read (runs of
    /// 64 files or more whose estimate is at most 192 MB): for the command line, whose process ends with the run, so peak memory grows by at most that much and
    /// the collections that would copy every syntax tree read so far do not run (issue 15). A host that runs on after
    /// the load leaves it false (the default). The result does not depend on it.</summary>
    public bool DeferGarbageCollection { get; init; }

    /// <summary>AWS CLI exports of the deployed state to read (<c>--deployed</c>, the <c>deployed</c> configuration key):
    /// files or folders (every <c>*.json</c> file under them), absolute or relative to <see cref="Root"/>. They are read
    /// from the file system even when <see cref="Source"/> is a git source (exports are made at run time, not
    /// committed), and a file among them is never taken for a template.</summary>
    public IReadOnlyList<string> DeployedPaths { get; init; } = [];

    /// <summary>The default ledger path (docs/conventions.md#c1).</summary>
    public const string DefaultLedgerPath = "security/inspector-exclusions.yaml";
}
