using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.SuppressionFilters;

/// <summary>PL5001: reports an Amazon Inspector suppression rule (<c>AWS::InspectorV2::Filter</c> with
/// <c>FilterAction: SUPPRESS</c>) that no record of the ledger's <c>suppressions</c> list records.</summary>
public sealed class UnrecordedSuppressionRuleAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the filter (logical ID and static name); {1} " in a branch of Fn::If" or empty; {2} the
    /// ledger path; {3} the target to record (<c>target.name '…'</c>, or template and logical ID and why).</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL5001",
        name: "UnrecordedSuppressionRule",
        title: "Suppression rule has no ledger record",
        messageFormat: "Suppression rule {0} hides Amazon Inspector findings (FilterAction: SUPPRESS{1}) but no record in the ledger's suppressions list says why, who approved it or until when; add one to {2} with {3}",
        category: RuleCategory.SuppressionFilters,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "An Amazon Inspector filter with FilterAction SUPPRESS hides every finding it matches, and the exclusion ledger " +
                     "has no suppression-rule record giving the reason, the approver and the expiry of that accepted risk.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, InspectorFilters.FilterType);

    private static void Analyze(ResourceAnalysisContext context)
    {
        var ledger = context.Project.Ledger;
        if (ledger.IsBroken)
            return; // PL0001 on the ledger: nothing can be matched (docs/conventions.md#c18)
        if (InspectorFilters.SuppressingAction(context, out var inBranch) is not { } action)
            return;

        var filter = context.Resource;
        var name = InspectorFilters.StaticName(filter);
        if (InspectorFilters.RecordsFor(ledger, filter, name).Count > 0)
            return;

        var record = name is not null
            ? $"target.name '{name}'"
            : $"target.template '{filter.Template.Path}' and target.logical_id '{filter.LogicalId}' (its Name is not known before deployment: {WhyNotStatic(context)})";
        context.ReportDiagnostic(Rule, action, InspectorFilters.Describe(filter, name), inBranch ? " in a branch of Fn::If" : string.Empty,
            ledger.Source.Path, record);
    }

    private static string WhyNotStatic(ResourceAnalysisContext context)
    {
        if (context.Resource.GetProperty("Name") is not { } name)
            return "the filter has no Name";
        var value = context.Resolve(name.Value);
        if (value.TryGetString(out var text) && text.Length == 0)
            return "Name is empty";
        return value.FirstUnresolvedReason
            ?? (value.Alternatives.Length > 1 ? "Name depends on a condition that cannot be decided offline" : "Name is not a plain string");
    }
}
