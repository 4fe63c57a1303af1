using System.Globalization;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Reporting.Sarif;

namespace PolicyLint.Core.Reporting;

/// <summary>
/// Compares results with an earlier run's SARIF by fingerprint: rule ID plus <c>partialFingerprints["policylint/v1"]</c>
/// (rule, file, logical ID and property path), which does not change when unrelated lines move; a baseline result
/// without that fingerprint is matched by rule, file, start line and message. Results are matched as multisets, so two
/// identical results in the baseline cover two, not more.
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
        // Results written without policylint/v1 (edited, or by another writer) can only be matched by file, line and
        // message, which does not survive line moves.
        var byFingerprint = new Dictionary<string, List<SarifResult>>(StringComparer.Ordinal);
        var byPosition = new Dictionary<string, List<SarifResult>>(StringComparer.Ordinal);
        var order = new List<SarifResult>();
        foreach (var result in baseline.Runs.SelectMany(r => r.Results ?? []))
        {
            if (result.BaselineState == "absent")
                continue;
            var (index, key) = result.PartialFingerprints?.GetValueOrDefault(FingerprintKey) is { } fingerprint
                ? (byFingerprint, Key(result.RuleId, fingerprint))
                : (byPosition, Key(result.RuleId, PositionKey(result)));
            if (!index.TryGetValue(key, out var list))
                index[key] = list = [];
            list.Add(result);
            order.Add(result);
        }

        var matched = new HashSet<SarifResult>(ReferenceEqualityComparer.Instance);
        var states = new Dictionary<Diagnostic, string>(ReferenceEqualityComparer.Instance);
        foreach (var diagnostic in current)
        {
            var match = Take(byFingerprint, Key(diagnostic.Id, SarifReporter.SemanticFingerprint(diagnostic)))
                ?? Take(byPosition, Key(diagnostic.Id, PositionKey(diagnostic)));
            if (match is not null)
                matched.Add(match);
            states[diagnostic] = match is null ? "new" : "unchanged";
        }

        var absent = order.Where(r => !matched.Contains(r)).Select(r =>
        {
            r.BaselineState = "absent";
            r.RuleIndex = ruleIndex(r.RuleId);
            // SARIF: within a run either every result has `suppressions` or none does, and this run's results do.
            r.Suppressions ??= [];
            return r;
        }).ToList();
        return new BaselineComparison(states, absent);
    }

    private static SarifResult? Take(Dictionary<string, List<SarifResult>> index, string key)
    {
        if (!index.TryGetValue(key, out var list) || list.Count == 0)
            return null;
        var result = list[0];
        list.RemoveAt(0);
        return result;
    }

    private static string Key(string ruleId, string fingerprint) => $"{ruleId}|{fingerprint}";

    private static string PositionKey(SarifResult result)
    {
        var physical = result.Locations.FirstOrDefault()?.PhysicalLocation;
        return $"{physical?.ArtifactLocation.Uri}|{physical?.Region?.StartLine}|{result.Message.Text}";
    }

    private static string PositionKey(Diagnostic diagnostic) =>
        string.Create(CultureInfo.InvariantCulture, $"{SarifReporter.EncodeUri(diagnostic.Location.Path)}|{diagnostic.Location.Start.Line}|{diagnostic.Message}");
}
