using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.DeployedState;

/// <summary>PL7002: reports a deployed exclusion that no analyzed template declares (applied by hand, or by a
/// template outside the repository).</summary>
public sealed class UndeclaredDeployedExclusionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the function (name and ARN); {1} the scan type; {2} the evidence; {3} the export; {4}
    /// what the templates say ("template 'x' defines it without the tag" or "no analyzed template defines it").</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL7002",
        name: "UndeclaredDeployedExclusion",
        title: "Deployed exclusion is declared in no template",
        messageFormat: "Deployed function {0} is excluded from {1} scanning ({2} in {3}), but {4}: the exclusion was applied outside this repository's templates (by hand, a script, or another repository)",
        category: RuleCategory.DeployedState,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "An AWS CLI export shows a Lambda function excluded from Amazon Inspector scanning by tag, and no analyzed " +
                     "template declares that tag on it. Tags should change only through a pull request; this one did not.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override bool RequiresDeployedState => true;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterProjectAction(Analyze);

    private static void Analyze(ProjectAnalysisContext context)
    {
        var project = context.Project;
        if (project.Deployed.IsEmpty)
            return;
        foreach (var function in project.Deployed.Functions)
        {
            foreach (var scanType in new[] { ScanType.Standard, ScanType.Code })
            {
                if (DeployedMatching.Exclusion(function, scanType) is not { } exclusion)
                    continue;
                var declared = DeployedMatching.TemplateFunctionsOf(project, function);
                if (declared.Any(f => Shared.ExclusionTags.Carries(f, scanType) != TriState.False))
                    continue; // declared, or may be (a tag PolicyLint cannot resolve: PL0002 there)
                if (project.BrokenTemplatePaths.Count > 0 && declared.Count == 0)
                    continue; // a template that cannot be read may declare it (PL0001 there)
                var templates = declared.Count == 0
                    ? "no analyzed template defines it"
                    : $"{string.Join(" and ", declared.Select(f => $"'{f.LogicalId}' in {f.Resource.Template.Path}").Distinct())} declares no such tag";
                var target = DeployedMatching.Target(exclusion.Location, function, Shared.ExclusionTags.Name(scanType));
                foreach (var templateFunction in declared)
                    target = target.WithRelated(templateFunction.Resource.Entry.Key.Location, $"The template's '{templateFunction.LogicalId}' has no {Shared.ExclusionTags.KeyFor(scanType)} tag");
                context.ReportDiagnostic(Rule, target, DeployedMatching.Describe(function), Shared.ExclusionTags.Name(scanType), exclusion.Description,
                    exclusion.Location.Path, templates);
            }
        }
    }
}
