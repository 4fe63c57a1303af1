using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.DeployedState;

/// <summary>PL7001: reports a deployed function excluded from Inspector scanning by tag that no ledger entry records.</summary>
public sealed class UnrecordedDeployedExclusionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the function (name and ARN); {1} the scan type (standard or code); {2} the evidence
    /// (the tag, or the coverage reason); {3} the export and when it was made; {4} the ledger path.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL7001",
        name: "UnrecordedDeployedExclusion",
        title: "Deployed exclusion has no ledger entry",
        messageFormat: "Deployed function {0} is excluded from {1} scanning ({2} in {3}) but no ledger entry records it; add one to {4}, or remove the tag",
        category: RuleCategory.DeployedState,
        defaultSeverity: DiagnosticSeverity.Error,
        description: "An AWS CLI export shows a deployed Lambda function excluded from Amazon Inspector scanning by tag, and the " +
                     "exclusion ledger has no entry for it: the exclusion nobody reviewed is live, wherever it was applied.");

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
            return; // PL0001 on the ledger: nothing can be matched (docs/conventions.md#c18)
        foreach (var function in project.Deployed.Functions)
        {
            foreach (var scanType in new[] { ScanType.Standard, ScanType.Code })
            {
                if (DeployedMatching.Exclusion(function, scanType) is not { } exclusion || DeployedMatching.EntriesFor(project, function, scanType).Count > 0)
                    continue;
                context.ReportDiagnostic(Rule, DeployedMatching.Target(exclusion.Location, function, Shared.ExclusionTags.Name(scanType)),
                    DeployedMatching.Describe(function), Shared.ExclusionTags.Name(scanType), exclusion.Description,
                    exclusion.Location.Path, project.Ledger.Source.Path);
            }
        }
    }
}
