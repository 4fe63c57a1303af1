using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.FindingNotification;

/// <summary>PL4004: reports a finding rule (docs/conventions.md#c6: an Inspector rule, or a Security Hub route for Inspector findings) under a condition that is false with the parameter defaults and
/// overrides, so the rule is not deployed; a condition that cannot be decided is PL0002.</summary>
/// <remarks>Source: AWS CloudFormation User Guide, "Conditions" (a resource whose condition is false is not
/// created).</remarks>
public sealed class UndeployedFindingRuleAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the rule (logical ID, or <c>Function.Events.Name</c> for a SAM function event, whose
    /// function carries the condition); {1} the condition's name.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL4004",
        name: "UndeployedFindingRule",
        title: "Inspector rule is not deployed with the default parameters",
        messageFormat: "Rule '{0}' is not deployed: condition '{1}' is false with the parameter defaults and overrides, so the rule routes no Inspector finding",
        category: RuleCategory.FindingNotification,
        defaultSeverity: DiagnosticSeverity.Note,
        description: "An EventBridge rule for Amazon Inspector findings has a Condition that is false with the template's parameter " +
                     "defaults and the configured overrides, so a deployment with those values creates no rule.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterProjectAction(Analyze);

    private static void Analyze(ProjectAnalysisContext context)
    {
        foreach (var rule in FindingRoutes.All(context.Project))
        {
            if (!rule.IsFindingRule || rule.Resource.ConditionEntry is not { } entry || entry.Value is not ScalarNode { IsNull: false } name)
                continue;
            var target = rule.Resource.TargetAt(entry, rule.IsFunctionEvent ? $"Condition[{rule.Name}]" : "Condition");
            switch (rule.Template.Resolver.EvaluateCondition(name.Value))
            {
                case TriState.False:
                    context.ReportDiagnostic(Rule, target, rule.Name, name.Value);
                    break;
                case TriState.Unknown:
                    context.ReportDiagnostic(EngineDiagnostics.Unresolved, target, $"whether rule '{rule.Name}' is deployed (condition '{name.Value}')",
                        WhyUnknown(rule.Template, name.Value, ImmutableHashSet<string>.Empty));
                    break;
            }
        }
    }

    /// <summary>Why a condition cannot be decided: the first undecided part, followed through <c>Condition</c>,
    /// <c>Fn::Not</c>, <c>Fn::And</c> and <c>Fn::Or</c> down to an <c>Fn::Equals</c> operand.</summary>
    private static string WhyUnknown(TemplateModel template, string name, ImmutableHashSet<string> visiting)
    {
        if (!template.Conditions.TryGetValue(name, out var condition))
            return $"condition '{name}' is not declared in the template";
        return visiting.Contains(name)
            ? $"condition '{name}' refers to itself"
            : WhyUnknown(template, condition.Value, visiting.Add(name));
    }

    private static string WhyUnknown(TemplateModel template, SyntaxNode node, ImmutableHashSet<string> visiting)
    {
        if (!IntrinsicFunction.TryGet(node, out var function) || function.ValidateForm() is not null)
            return "the condition is not a condition function";
        switch (function.Name)
        {
            case "Condition" when function.Argument is ScalarNode referenced:
                return WhyUnknown(template, referenced.Value, visiting);
            case "Fn::Not" or "Fn::And" or "Fn::Or" when function.Argument is SequenceNode items:
                foreach (var item in items.Items)
                {
                    if (template.Resolver.EvaluateConditionExpression(item) == TriState.Unknown)
                        return WhyUnknown(template, item.Resolve(), visiting);
                }

                break;
            case "Fn::Equals" when function.Argument is SequenceNode operands:
                foreach (var operand in operands.Items)
                {
                    var value = template.Resolver.Resolve(operand);
                    if (value.FirstUnresolvedReason is { } reason)
                        return reason;
                    if (value.Alternatives.Length > 1 || value.Alternatives[0] is not LiteralValue)
                        return $"Fn::Equals compares {value}";
                }

                break;
        }

        return "the condition depends on a value that is not known offline";
    }
}
