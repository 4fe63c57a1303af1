using PolicyLint.Core.Configuration;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Workspace;

namespace PolicyLint.Core.Analysis;

/// <summary>What a command (or a test) resolved before anything is read: the input of
/// <see cref="AnalysisSession.Open"/>.</summary>
public sealed record SessionRequest
{
    /// <summary>The absolute root (an existing folder; the caller checks).</summary>
    public required string Root { get; init; }

    /// <summary>The day ledger dates and suppression expiry dates are compared with (docs/conventions.md#c12).</summary>
    public required DateOnly Today { get; init; }

    /// <summary>Where every input is read from: a git index or commit; null for the working tree.</summary>
    public IFileSource? Source { get; init; }

    /// <summary>Whether the configuration files under the root are read (docs/conventions.md#c20). False only for
    /// tests that set every option themselves (<see cref="Load"/>, <see cref="Options"/>): the run then starts from a
    /// bare <see cref="LoadRequest"/> and <see cref="AnalysisOptions"/>.</summary>
    public bool ReadConfiguration { get; init; } = true;

    /// <summary>The root-relative configuration file of <c>--config</c>; null for the default files.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Exclusion-tag keys: a file over the size limit that mentions one is PL0001, never skipped
    /// (<see cref="LoadRequest.OverLimitMarkers"/>; the rule pack's facts, given by the command line).</summary>
    public IReadOnlyList<string> OverLimitMarkers { get; init; } = [];

    /// <summary>What the command line sets over the configuration's load request (docs/conventions.md#c20: flags win):
    /// <c>--ledger</c>, parameter overrides, <c>--deployed</c>, limits. Applied only to a valid configuration; it may
    /// throw to refuse a value, and <see cref="AnalysisSession.Open"/> lets that through.</summary>
    public Func<LoadRequest, LoadRequest>? Load { get; init; }

    /// <summary>What is set over the configuration's analysis options (tests set rule options this way).</summary>
    public Func<AnalysisOptions, AnalysisOptions>? Options { get; init; }
}
