using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Text;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.FindingNotification;

/// <summary>PL4001: reports a project with functions but no EventBridge rule on the default bus that routes Amazon
/// Inspector finding events (C6).</summary>
public sealed class MissingFindingRuleAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} why existing rules do not count (starting with "; "), or empty.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL4001",
        name: "MissingFindingRule",
        title: "No rule routes Inspector findings",
        messageFormat: "No EventBridge rule on the default event bus matches Amazon Inspector findings (source 'aws.inspector2', detail-type 'Inspector2 Finding'), so HIGH and CRITICAL findings reach nobody{0}",
        category: RuleCategory.FindingNotification,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "The repository deploys Lambda functions, but no template has an EventBridge rule on the default event bus that " +
                     "matches Amazon Inspector (aws.inspector2) finding events, so new vulnerabilities are noticed only by whoever opens " +
                     "the console.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterProjectAction(Analyze);

    private static void Analyze(ProjectAnalysisContext context)
    {
        var project = context.Project;
        if (project.Functions.IsEmpty)
            return;
        var rules = FindingRoutes.All(project);
        if (rules.Any(r => r.IsInspectorRule && r.IsOnDefaultBus))
            return;

        var reasons = new List<string>();
        foreach (var rule in rules.Where(r => r.IsInspectorRule && !r.IsOnDefaultBus))
        {
            var at = rule.BusEntry?.KeyLocation ?? rule.DeclarationLocation;
            reasons.Add($"rule '{rule.Name}' ({at}) matches Inspector findings but is on {rule.BusDescription}, and Inspector sends findings only to the default bus");
        }

        foreach (var rule in rules.Where(r => !r.IsInspectorRule && r.Values("source").Any(s => s.Equals("aws.securityhub", StringComparison.Ordinal))))
            reasons.Add($"rule '{rule.Name}' ({rule.DeclarationLocation}) matches Security Hub events, which do not carry new Inspector findings");

        var target = project.Ledger.Exists
            ? DiagnosticTarget.At(Location.FileLevel(project.Ledger.Source))
            : project.Functions[0].Resource.Template.ResourcesTarget;
        context.ReportDiagnostic(Rule, target, reasons.Count == 0 ? string.Empty : "; " + string.Join("; ", reasons));
    }
}
