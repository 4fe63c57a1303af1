using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Reporting.Sarif;

namespace PolicyLint.Core.Reporting;

/// <summary>Options for the SARIF writer.</summary>
public sealed record SarifOptions
{
    /// <summary>The tool identity.</summary>
    public ToolInfo Tool { get; init; } = ToolInfo.Current;

    /// <summary>A rule's help page markdown by ID (the rule pack's embedded pages), or null.</summary>
    public Func<string, string?> HelpMarkdown { get; init; } = _ => null;

    /// <summary>Leave suppressed results out (<c>--omit-suppressed</c>: GitHub ignores <c>suppressions</c>).</summary>
    public bool OmitSuppressed { get; init; }

    /// <summary>Whether results carry a <c>suppressions</c> array (always, once in-source suppressions are evaluated).</summary>
    public bool WriteSuppressions { get; init; } = true;

    /// <summary>Baseline state per result, or null when no baseline was given.</summary>
    public IReadOnlyDictionary<Diagnostic, string>? BaselineStates { get; init; }

    /// <summary>Results of a baseline that are gone (written with <c>baselineState: absent</c>).</summary>
    public IReadOnlyList<SarifResult> AbsentResults { get; init; } = [];

    /// <summary>The most results one run holds (<see cref="SarifReporter.GitHubResultLimit"/>); beyond it the least
    /// severe are left out and a tool notification says how many.</summary>
    public int MaxResults { get; init; } = SarifReporter.GitHubResultLimit;
}
