using PolicyLint.Core.Ledger;
using PolicyLint.Core.Loading;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.DeployedState;

/// <summary>
/// The live view of the ledger for <c>ledger status</c>: the deliberate API through which the command line reads what
/// the deployed-state rules (PL7003, PL7004) judge, with the same matching (<see cref="DeployedMatching"/>).
/// </summary>
public static class LiveExclusions
{
    /// <summary>The live state of <paramref name="record"/> and the unqualified ARNs of the deployed functions it
    /// matches (those excluded when <see cref="LiveState.Excluded"/>), in ARN order.</summary>
    public static (LiveState State, IReadOnlyList<string> Functions) Of(ProjectModel project, LedgerRecord record)
    {
        if (project.Deployed.IsEmpty || record is not LedgerEntry { ScanType: { } scanType } entry || !DeployedMatching.IsJudgeable(project, entry))
            return (LiveState.Unknown, []);
        var functions = DeployedMatching.FunctionsOf(project, entry);
        if (functions.Count == 0)
            return (LiveState.NotDeployed, []);
        var excluded = functions.Where(f => DeployedMatching.Exclusion(f, scanType) is not null).ToList();
        if (excluded.Count > 0)
            return (LiveState.Excluded, [.. excluded.Select(f => f.Arn.Unqualified)]);
        var judged = functions.Where(f => DeployedMatching.ExclusionKnown(f, scanType)).ToList();
        return judged.Count > 0 ? (LiveState.NotExcluded, [.. judged.Select(f => f.Arn.Unqualified)]) : (LiveState.Unknown, [.. functions.Select(f => f.Arn.Unqualified)]);
    }
}
