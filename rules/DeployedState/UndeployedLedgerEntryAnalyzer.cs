using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.DeployedState;

/// <summary>PL7003: reports a ledger entry whose function no export lists, or whose deployed function does not carry
/// the exclusion (PL1002 seen from the running side).</summary>
public sealed class UndeployedLedgerEntryAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the entry ("Ledger entry 'name'"); {1} what the exports say (a clause).</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL7003",
        name: "UndeployedLedgerEntry",
        title: "Ledger entry's exclusion is not deployed",
        messageFormat: "{0} records an exclusion that is not live: {1}; remove the entry if the exclusion has ended",
        category: RuleCategory.DeployedState,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "The AWS CLI exports list no function the ledger entry names, or list it without the exclusion tag of the " +
                     "entry's scan type: the ledger records an accepted risk that is not (or no longer) taken in the accounts exported.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override bool RequiresDeployedState => true;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterProjectAction(Analyze);

    private static void Analyze(ProjectAnalysisContext context)
    {
        var project = context.Project;
        if (project.Deployed.IsEmpty || project.Ledger.IsBroken)
            return;
        var scopes = string.Join(", ", project.Deployed.Scopes);
        foreach (var entry in project.Ledger.Exclusions)
        {
            if (entry.ScanType is not { } scanType || !DeployedMatching.IsJudgeable(project, entry))
                continue; // PL3004 reports an entry without scan type or identity
            var functions = DeployedMatching.FunctionsOf(project, entry);
            if (functions.Count == 0)
            {
                context.ReportDiagnostic(Rule, entry.Target, LedgerRecords.Describe(entry),
                    $"no export lists the function (exports cover {(scopes.Length == 0 ? "no function" : scopes)})");
                continue;
            }

            var judged = functions.Where(f => DeployedMatching.ExclusionKnown(f, scanType)).ToList();
            if (judged.Count == 0 || judged.Any(f => DeployedMatching.Exclusion(f, scanType) is not null))
                continue; // excluded somewhere, or no export says (list-functions only)
            context.ReportDiagnostic(Rule, DeployedMatching.WithSightings(entry.Target, judged), LedgerRecords.Describe(entry),
                $"{string.Join(", ", judged.Select(f => f.Arn.Unqualified))} {(judged.Count == 1 ? "is" : "are")} deployed without the tag '{Shared.ExclusionTags.Pair(scanType)}'");
        }
    }
}
