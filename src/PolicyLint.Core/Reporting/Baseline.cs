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

/// <summary>
/// Compares results with an earlier run's SARIF by fingerprint: rule ID plus <c>partialFingerprints["policylint/v1"]</c>
/// (rule, file, logical ID and property path), which does not change when unrelated lines move. Results are matched
/// as multisets, so two identical results in the baseline cover two, not more.
/// </summary>
public static class Baseline
{
    /// <summary>The fingerprint key PolicyLint writes.</summary>
    public const string FingerprintKey = "policylint/v1";

    /// <summary>Compares <paramref name="current"/> (in report order) with <paramref name="baseline"/>.</summary>
    /// <param name="current">This run's results.</param>
    /// <param name="baseline">The earlier run.</param>
    /// <param name="ruleIndex">Index of a rule ID in this run's catalog (for absent results), or null when unknown.</param>
    public static BaselineComparison Compare(IReadOnlyList<Diagnostic> current, SarifLog baseline, Func<string, int?> ruleIndex)
    {
        var remaining = new Dictionary<string, List<SarifResult>>(StringComparer.Ordinal);
        foreach (var result in baseline.Runs.SelectMany(r => r.Results ?? []))
        {
            if (result.BaselineState == "absent")
                continue;
            var key = Key(result.RuleId, result.PartialFingerprints?.GetValueOrDefault(FingerprintKey) ?? FallbackKey(result));
            if (!remaining.TryGetValue(key, out var list))
                remaining[key] = list = [];
            list.Add(result);
        }

        var states = new Dictionary<Diagnostic, string>(ReferenceEqualityComparer.Instance);
        foreach (var diagnostic in current)
        {
            var key = Key(diagnostic.Id, SarifReporter.SemanticFingerprint(diagnostic));
            if (remaining.TryGetValue(key, out var list) && list.Count > 0)
            {
                list.RemoveAt(0);
                states[diagnostic] = "unchanged";
            }
            else
                states[diagnostic] = "new";
        }

        var absent = remaining.Values.SelectMany(l => l).Select(r =>
        {
            r.BaselineState = "absent";
            r.RuleIndex = ruleIndex(r.RuleId);
            return r;
        }).ToList();
        return new BaselineComparison(states, absent);
    }

    private static string Key(string ruleId, string fingerprint) => $"{ruleId}|{fingerprint}";

    private static string FallbackKey(SarifResult result)
    {
        var physical = result.Locations.FirstOrDefault()?.PhysicalLocation;
        return $"{physical?.ArtifactLocation.Uri}|{physical?.Region?.StartLine}|{result.Message.Text}";
    }
}
