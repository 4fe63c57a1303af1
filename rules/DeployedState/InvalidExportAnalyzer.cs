using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Rules.DeployedState;

/// <summary>PL7006: reports valid JSON in an AWS CLI export that is not what PolicyLint reads (a foreign document, a
/// record of another resource type, a field of the wrong type). Syntax errors are PL0001.</summary>
public sealed class InvalidExportAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} what is wrong (a sentence without a period).</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL7006",
        name: "InvalidExport",
        title: "AWS CLI export is not of a shape PolicyLint reads",
        messageFormat: "{0}",
        category: RuleCategory.DeployedState,
        defaultSeverity: DiagnosticSeverity.Error,
        description: "A file given with --deployed (or the deployed configuration key) is valid JSON but not, or not wholly, the " +
                     "--output json of the AWS CLI commands PolicyLint reads: what it holds there is not analyzed, and the run must not pass as if it were.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override bool RequiresDeployedState => true;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterProjectAction(Analyze);

    private static void Analyze(ProjectAnalysisContext context)
    {
        foreach (var problem in context.Project.Deployed.Exports.SelectMany(e => e.Problems))
            context.ReportDiagnostic(Rule, problem, problem.Message);
    }
}
