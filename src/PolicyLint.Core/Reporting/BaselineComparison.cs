using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Reporting.Sarif;

namespace PolicyLint.Core.Reporting;

/// <summary>The outcome of comparing a run with a baseline SARIF log.</summary>
/// <param name="States">For each current result: <c>new</c> or <c>unchanged</c> (SARIF <c>baselineState</c>, §3.27.24).</param>
/// <param name="Absent">Baseline results no longer reported, marked <c>absent</c>.</param>
public sealed record BaselineComparison(IReadOnlyDictionary<Diagnostic, string> States, IReadOnlyList<SarifResult> Absent)
{
    /// <summary>The current results that are new.</summary>
    public IEnumerable<Diagnostic> New => States.Where(s => s.Value == "new").Select(s => s.Key);
}
