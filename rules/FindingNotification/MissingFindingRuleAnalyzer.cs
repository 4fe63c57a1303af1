using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Text;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.FindingNotification;

/// <summary>PL4001: reports a project with functions but no EventBridge rule on the default bus that routes Amazon
/// Inspector's findings (docs/conventions.md#c6): its finding events, or its findings among Security Hub's imported findings.</summary>
/// <remarks>Sources: Amazon Inspector User Guide, "Amazon EventBridge event schema for Amazon Inspector events"
/// (eventbridge-integration.html); AWS Security Hub User Guide, "Configuring an EventBridge rule for Security Hub CSPM
/// findings" (securityhub-cwe-all-findings.html).</remarks>
public sealed class MissingFindingRuleAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} why existing rules do not count (starting with "; "), or empty.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL4001",
        name: "MissingFindingRule",
        title: "No rule routes Inspector findings",
        messageFormat: "No EventBridge rule on the default event bus matches Amazon Inspector findings (source 'aws.inspector2' with detail-type 'Inspector2 Finding', or Inspector's findings among Security Hub's 'Security Hub Findings - Imported' events), so HIGH and CRITICAL findings reach nobody{0}",
        category: RuleCategory.FindingNotification,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "The repository deploys Lambda functions, but no template has an EventBridge rule on the default event bus that " +
                     "matches Amazon Inspector (aws.inspector2) finding events or Inspector's findings imported by AWS Security Hub, so " +
                     "new vulnerabilities are noticed only by whoever opens the console.");

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
        if (rules.Any(r => r.IsFindingRule && r.IsOnDefaultBus))
            return;

        var reasons = new List<string>();
        foreach (var rule in rules.Where(r => r.IsFindingRule && !r.IsOnDefaultBus))
        {
            var at = rule.BusEntry?.KeyLocation ?? rule.DeclarationLocation;
            reasons.Add(rule.IsInspectorRule
                ? $"rule '{rule.Name}' ({at}) matches Inspector findings but is on {rule.BusDescription}, and Inspector sends findings only to the default bus"
                : $"rule '{rule.Name}' ({at}) matches Inspector findings imported by Security Hub but is on {rule.BusDescription}, and Security Hub sends its events only to the default bus");
        }

        foreach (var rule in rules.Where(r => r.OtherInspectorEvents.Count > 0))
        {
            reasons.Add($"rule '{rule.Name}' ({rule.DeclarationLocation}) matches Amazon Inspector's {string.Join(" and ", rule.OtherInspectorEvents.Select(t => $"'{t}'"))} events, which are not findings");
        }

        foreach (var rule in rules.Where(r => r.SecurityHub == SecurityHubMatch.Other))
            reasons.Add($"rule '{rule.Name}' ({rule.DeclarationLocation}) {rule.SecurityHubReason}");

        var target = project.Ledger.Exists
            ? DiagnosticTarget.At(Location.FileLevel(project.Ledger.Source))
            : project.Functions[0].Resource.Template.ResourcesTarget;
        context.ReportDiagnostic(Rule, target, reasons.Count == 0 ? string.Empty : "; " + string.Join("; ", reasons));
    }
}
