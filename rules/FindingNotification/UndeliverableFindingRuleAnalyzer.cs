using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.FindingNotification;

/// <summary>PL4003: reports a finding rule (docs/conventions.md#c6: an Inspector rule, or a Security Hub route for Inspector findings) that cannot deliver what it matches: disabled, without targets, on
/// a custom event bus while another Inspector rule is on the default one, or with an SNS target that EventBridge
/// cannot publish to (no topic policy for <c>events.amazonaws.com</c>, the AWS managed key <c>alias/aws/sns</c>, a
/// <c>RoleArn</c>).</summary>
/// <remarks>Sources: AWS re:Post Knowledge Center, "Why isn't my Amazon SNS topic receiving notifications from my
/// EventBridge rule?" (sns-not-getting-eventbridge-notification); Amazon EventBridge User Guide, "Using
/// resource-based policies for Amazon EventBridge" (eb-use-resource-based.html); Amazon Inspector User Guide,
/// "Amazon EventBridge event schema for Amazon Inspector events" (eventbridge-integration.html).</remarks>
public sealed class UndeliverableFindingRuleAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the rule or rules, as <c>Rule 'Name'</c> or <c>Rules 'A' and 'B'</c> (a SAM function
    /// event is named <c>Function.Events.Name</c>); {1} why it cannot deliver, and the fix.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL4003",
        name: "UndeliverableFindingRule",
        title: "Inspector rule cannot deliver findings",
        messageFormat: "{0} cannot deliver Inspector findings: {1}",
        category: RuleCategory.FindingNotification,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "An EventBridge rule for Amazon Inspector findings is disabled, has no targets, is on a custom event bus, or " +
                     "targets an SNS topic that EventBridge cannot publish to (no topic policy for events.amazonaws.com, the AWS " +
                     "managed key alias/aws/sns, a RoleArn on the target), so the findings it matches reach nobody.");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterProjectAction(Analyze);

    private static void Analyze(ProjectAnalysisContext context)
    {
        var rules = FindingRoutes.All(context.Project).Where(r => r.IsFindingRule).ToList();
        var onDefaultBus = rules.FirstOrDefault(r => r.BusKind == EventBusKind.Default);
        var awsManagedTopics = new List<(Resource Topic, EffectiveProperty Key, List<EventRule> Rules)>();
        foreach (var rule in rules)
        {
            // A rule off the default bus with no Inspector rule on it is PL4001's reason, not a PL4003 of its own (docs/conventions.md#c6).
            if (rule.BusKind != EventBusKind.Default && onDefaultBus is null)
                continue;
            CheckBus(context, rule, onDefaultBus!);
            CheckState(context, rule);
            if (!rule.IsFunctionEvent)
                CheckTargets(context, rule, awsManagedTopics);
        }

        foreach (var (topic, key, users) in awsManagedTopics)
        {
            var target = key.Target;
            foreach (var user in users)
                target = target.WithRelated(user.DeclarationLocation, $"rule '{user.Name}' targets this topic");
            var subject = users.Count == 1 ? $"Rule '{users[0].Name}'" : $"Rules {Names(users)}";
            context.ReportDiagnostic(Rule, target, subject,
                $"SNS topic '{topic.LogicalId}' is encrypted with the AWS managed key {SnsTopics.AwsManagedKeyAlias}, whose key policy cannot let EventBridge use the key; use a customer managed KMS key whose key policy allows {SnsTopics.EventBridgePrincipal}");
        }
    }

    private static void CheckBus(ProjectAnalysisContext context, EventRule rule, EventRule onDefaultBus)
    {
        if (rule.BusEntry is not { } bus || rule.BusKind == EventBusKind.Default)
            return;
        var target = rule.TargetAt(bus, "EventBusName");
        if (rule.BusKind == EventBusKind.Unknown)
        {
            context.ReportDiagnostic(EngineDiagnostics.Unresolved, target, $"whether rule '{rule.Name}' is on the default event bus",
                rule.Bus.FirstUnresolvedReason ?? $"EventBusName is {rule.Bus}");
            return;
        }

        context.ReportDiagnostic(Rule, target.WithRelated(onDefaultBus.DeclarationLocation, $"rule '{onDefaultBus.Name}' is on the default event bus"),
            $"Rule '{rule.Name}'", rule.IsInspectorRule
                ? $"it is on {rule.BusDescription}, and Amazon Inspector sends findings only to the default event bus; remove EventBusName"
                : $"it is on {rule.BusDescription}, and Security Hub sends its events only to the default event bus; remove EventBusName");
    }

    private static void CheckState(ProjectAnalysisContext context, EventRule rule)
    {
        if (rule.Body.Find("State") is { } state)
        {
            var value = rule.Template.Resolver.Resolve(state.Value);
            if (value.Alternatives.All(a => a is LiteralValue { Text: "DISABLED" }))
                context.ReportDiagnostic(Rule, rule.TargetAt(state, "State"), $"Rule '{rule.Name}'", "State is DISABLED; set it to ENABLED");
            else if (value.Alternatives.Any(a => a is LiteralValue { Text: "DISABLED" } or not LiteralValue and not NoValue))
                context.ReportDiagnostic(EngineDiagnostics.Unresolved, rule.TargetAt(state, "State"), $"whether rule '{rule.Name}' is enabled",
                    value.FirstUnresolvedReason ?? $"State is {value}");
        }

        // SAM: Enabled false is State DISABLED (sam-property-function-eventbridgerule, -cloudwatchevent).
        if (rule.IsFunctionEvent && rule.Body.Find("Enabled") is { } enabled)
        {
            var value = rule.Template.Resolver.Resolve(enabled.Value);
            if (value.Alternatives.All(IsFalse))
                context.ReportDiagnostic(Rule, rule.TargetAt(enabled, "Enabled"), $"Rule '{rule.Name}'", "Enabled is false; remove it or set it to true");
            else if (value.Alternatives.Any(a => IsFalse(a) || a is not LiteralValue and not NoValue))
                context.ReportDiagnostic(EngineDiagnostics.Unresolved, rule.TargetAt(enabled, "Enabled"), $"whether rule '{rule.Name}' is enabled",
                    value.FirstUnresolvedReason ?? $"Enabled is {value}");
        }
    }

    private static bool IsFalse(ValueAlternative value) => value is LiteralValue { Text: "false" or "False" or "FALSE" };

    private static void CheckTargets(ProjectAnalysisContext context, EventRule rule, List<(Resource Topic, EffectiveProperty Key, List<EventRule> Rules)> awsManagedTopics)
    {
        if (rule.Body.Find("Targets") is not { } targetsEntry)
        {
            context.ReportDiagnostic(Rule, rule.DeclarationTarget, $"Rule '{rule.Name}'", "it has no Targets; add one, such as an SNS topic that people subscribe to");
            return;
        }

        var resolved = rule.Template.Resolver.Resolve(targetsEntry.Value);
        var targets = new List<MappingNode>();
        string? unknown = null;
        foreach (var alternative in resolved.Alternatives)
        {
            var items = alternative switch
            {
                ListValue list => list.Items.SelectMany(i => i.Alternatives),
                NoValue => [],
                _ => [alternative],
            };
            foreach (var item in items)
            {
                if (item is StructureValue { Node: MappingNode target })
                    targets.Add(target);
                else if (item is not NoValue)
                    unknown ??= item is UnresolvedValue u ? u.Reason : $"a target is {item.Describe()}";
            }
        }

        if (unknown is not null)
            context.ReportDiagnostic(EngineDiagnostics.Unresolved, rule.TargetAt(targetsEntry, "Targets"), $"what rule '{rule.Name}' delivers to", unknown);
        else if (targets.Count == 0)
            context.ReportDiagnostic(Rule, rule.TargetAt(targetsEntry, "Targets"), $"Rule '{rule.Name}'", "it has no Targets; add one, such as an SNS topic that people subscribe to");

        // Whatever a broken template defines is unknown, a topic policy included.
        var policiesKnown = context.Project.BrokenTemplatePaths.Count == 0;
        var index = 0;
        foreach (var target in targets.Distinct())
        {
            var id = target.GetValue("Id")?.AsScalar()?.Value ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            index++;
            if (target.GetValue("Arn") is not { } arn)
                continue;
            var topics = SnsTopics.Resolve(context.Project.Templates, rule.Template, rule.Template.Resolver.Resolve(arn));
            var projectTopics = topics.Where(t => t.Kind == TopicKind.Topic && t.Topic is not null).Select(t => t.Topic!).Distinct().ToList();

            if (target.Find("RoleArn") is { } role && topics.Any(t => t.IsSns) && !rule.Template.Resolver.Resolve(role.Value).IsNoValue)
            {
                var roleTarget = rule.TargetAt(role, $"Targets.{id}.RoleArn");
                foreach (var topic in projectTopics)
                    roleTarget = roleTarget.WithRelated(topic.Entry.Key.Location, $"SNS topic '{topic.LogicalId}'");
                context.ReportDiagnostic(Rule, roleTarget, $"Rule '{rule.Name}'",
                    $"its SNS target '{id}' sets RoleArn, but EventBridge publishes to an SNS topic through the topic policy, and delivery may fail with a role; remove RoleArn");
            }

            foreach (var topic in projectTopics)
            {
                if (policiesKnown && !SnsTopics.HasEventBridgePublishPolicy(context.Project.Templates, topic))
                {
                    var where = ReferenceEquals(topic.Template, rule.Template) ? string.Empty : $" ({topic.Template.Path})";
                    context.ReportDiagnostic(Rule,
                        rule.TargetAt(targetsEntry, $"Targets.{id}").WithRelated(topic.Entry.Key.Location, $"SNS topic '{topic.LogicalId}'"),
                        $"Rule '{rule.Name}'",
                        $"no topic policy lets {SnsTopics.EventBridgePrincipal} call sns:Publish on its target SNS topic '{topic.LogicalId}'{where}; add an AWS::SNS::TopicPolicy that allows it");
                }

                if (SnsTopics.AwsManagedKey(topic) is { } key)
                {
                    var entry = awsManagedTopics.FindIndex(t => ReferenceEquals(t.Topic, topic));
                    if (entry < 0)
                        awsManagedTopics.Add((topic, key, [rule]));
                    else if (!awsManagedTopics[entry].Rules.Contains(rule))
                        awsManagedTopics[entry].Rules.Add(rule);
                }
            }
        }
    }

    private static string Names(List<EventRule> rules) =>
        string.Join(", ", rules.Take(rules.Count - 1).Select(r => $"'{r.Name}'")) + $" and '{rules[^1].Name}'";
}
