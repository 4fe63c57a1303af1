using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.SuppressionFilters;

/// <summary>PL5003: reports a resource whose <c>Type</c> misses <c>AWS::InspectorV2::Filter</c> only by case,
/// <c>-</c>/<c>_</c>/<c>.</c>/space, or an edit distance of at most 2 (<c>AWS::Inspector2::Filter</c>, the service's
/// event source spelling): CloudFormation rejects the type, and no rule checks the resource as an Inspector filter.</summary>
/// <remarks>Source: AWS CloudFormation Template Reference, "AWS::InspectorV2::Filter"
/// (aws-resource-inspectorv2-filter.html). The near-miss test is that of docs/conventions.md#c6 (<see cref="InspectorFindings.IsNearMiss"/>).</remarks>
public sealed class MisspeltFilterTypeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the logical ID; {1} the type as written.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL5003",
        name: "MisspeltFilterType",
        title: "Resource type is a misspelt Inspector filter type",
        messageFormat: "Resource '{0}' has type '{1}', which is not a CloudFormation type: the Amazon Inspector filter type is '" + InspectorFilters.FilterType + "', so the deployment fails and PolicyLint does not check this resource as a suppression rule; write '" + InspectorFilters.FilterType + "'",
        category: RuleCategory.SuppressionFilters,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "A resource's Type nearly spells AWS::InspectorV2::Filter (for example AWS::Inspector2::Filter, after the service's " +
                     "event source aws.inspector2). CloudFormation does not know the type, and the suppression-filter rules do not check the " +
                     "resource, so a suppression rule meant to be recorded in the ledger goes unchecked until the deployment fails.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterTemplateAction(Analyze);

    private static void Analyze(TemplateAnalysisContext context)
    {
        foreach (var resource in context.Template.Resources)
        {
            if (!InspectorFindings.IsNearMiss(resource.Type, InspectorFilters.FilterType) || resource.Node.Find("Type") is not { } type)
                continue;
            context.ReportDiagnostic(Rule, resource.TargetAt(type.Value, "Type"), resource.LogicalId, resource.Type);
        }
    }
}
