using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.DeployedState;

/// <summary>PL7004: reports a ledger entry whose <c>expires_at</c> has passed while its exclusion is still deployed.</summary>
public sealed class LiveExpiredExclusionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the entry; {1} the expiry date; {2} how long ago; {3} the deployed functions (ARNs); {4}
    /// the scan type.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL7004",
        name: "LiveExpiredExclusion",
        title: "Exclusion is still deployed after its ledger entry expired",
        messageFormat: "{0} expired on {1} ({2} ago), but {3} is still excluded from {4} scanning; remove the tag from the deployed function or renew the entry",
        category: RuleCategory.DeployedState,
        defaultSeverity: DiagnosticSeverity.Error,
        description: "The ledger entry's expires_at date has passed and an AWS CLI export shows the function still excluded from " +
                     "Amazon Inspector scanning: the accepted risk ran out, the exclusion did not.");

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
        foreach (var entry in project.Ledger.Exclusions)
        {
            if (entry.ScanType is not { } scanType || entry.ExpiresAt is not { Date: { } expires } field || expires >= context.Today)
                continue;
            var live = DeployedMatching.FunctionsOf(project, entry).Where(f => DeployedMatching.Exclusion(f, scanType) is not null).ToList();
            if (live.Count == 0)
                continue;
            context.ReportDiagnostic(Rule, DeployedMatching.WithSightings(field.Target, live), LedgerRecords.Describe(entry), field.Text,
                LedgerRecords.Days(context.Today.DayNumber - expires.DayNumber), string.Join(" and ", live.Select(f => f.Arn.Unqualified)), Shared.ExclusionTags.Name(scanType));
        }
    }
}
