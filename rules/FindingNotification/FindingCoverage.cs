using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.FindingNotification;

/// <summary>
/// Whether the project's finding rules, taken together, deliver every HIGH and CRITICAL ACTIVE finding on a Lambda
/// function somewhere (PL4002's judgement across rules, so that deliberate tiering is not a defect).
/// </summary>
/// <remarks>
/// A rule <em>delivers</em> when it is a finding rule (docs/conventions.md#c6) on the default event bus, is enabled (<c>State</c> absent or
/// a value other than <c>DISABLED</c> in every alternative; for a SAM function event, <c>Enabled</c> not false), has
/// at least one target (a SAM function event always has its function), and is deployed with the parameter defaults
/// and overrides (its <c>Condition</c>, if any, is true).
/// A rule <em>covers</em> a severity when its pattern surely matches every finding event of that severity with status
/// ACTIVE on a Lambda function: <c>source</c> and <c>detail-type</c> match the finding events; <c>detail.severity</c>
/// (ASFF <c>detail.findings.Severity.Label</c>) is absent or matches the severity; <c>detail.status</c> (ASFF
/// <c>RecordState</c>, and <c>Workflow.Status</c> for a new finding) is absent or matches <c>ACTIVE</c> (<c>ACTIVE</c>,
/// <c>NEW</c>); the resource type filter (<c>detail.resources.type</c>, ASFF <c>Resources.Type</c>) is absent or
/// matches <c>AWS_LAMBDA_FUNCTION</c> (<c>AwsLambdaFunction</c>); a Security Hub route keeps Inspector's product; and
/// the pattern has no other filter (account, region, finding type, score, <c>$or</c>, a misspelt key…), since any other
/// filter may leave findings of that severity out. A matcher that cannot be evaluated offline does not cover.
/// </remarks>
internal static class FindingCoverage
{
    /// <summary>The severities every project must route (DOMAIN: the reference rule).</summary>
    public static readonly string[] RequiredSeverities = ["HIGH", "CRITICAL"];

    /// <summary>Whether, for each required severity, some rule that delivers covers it.</summary>
    public static bool CoversRequired(IReadOnlyList<EventRule> rules)
    {
        var delivering = rules.Where(Delivers).ToList();
        return RequiredSeverities.All(severity => delivering.Any(rule => Covers(rule, severity)));
    }

    /// <summary>Whether <paramref name="rule"/> delivers what it matches (see the type's remarks).</summary>
    public static bool Delivers(EventRule rule)
    {
        if (!rule.IsFindingRule || rule.BusKind != EventBusKind.Default)
            return false;
        var resolver = rule.Template.Resolver;
        if (rule.Body.GetValue("State") is { } state
            && !resolver.Resolve(state).Alternatives.All(a => a is LiteralValue { Text: not "DISABLED" } or NoValue))
            return false;
        if (rule.IsFunctionEvent && rule.Body.GetValue("Enabled") is { } enabled
            && !resolver.Resolve(enabled).Alternatives.All(a => a is LiteralValue { Text: not ("false" or "False" or "FALSE") } or NoValue))
            return false;
        if (!rule.IsFunctionEvent && !HasTarget(rule))
            return false;
        return rule.Resource.Condition is not { } condition || resolver.EvaluateCondition(condition) == TriState.True;
    }

    /// <summary>Whether <paramref name="rule"/> covers every ACTIVE finding of <paramref name="severity"/> on a Lambda
    /// function (see the type's remarks).</summary>
    public static bool Covers(EventRule rule, string severity)
    {
        if (rule.Pattern is not { } pattern || !OnlyKeys(pattern, "source", "detail-type", "detail"))
            return false;
        var detail = Mapping(pattern, "detail");
        if (pattern.Find("detail") is not null && detail is null)
            return false;
        if (rule.IsInspectorRule)
        {
            return Surely(rule, pattern, "source", InspectorFindings.Source)
                && Surely(rule, pattern, "detail-type", InspectorFindings.DetailType)
                && (detail is null || (OnlyKeys(detail, "severity", "status", "resources")
                    && Surely(rule, detail, "severity", severity)
                    && Surely(rule, detail, "status", "ACTIVE")
                    && Nested(rule, detail, "resources", "type", "AWS_LAMBDA_FUNCTION")));
        }

        if (rule.SecurityHub != SecurityHubMatch.Exact
            || !Surely(rule, pattern, "source", SecurityHubFindings.Source)
            || !Surely(rule, pattern, "detail-type", SecurityHubFindings.DetailType))
            return false;
        if (detail is null)
            return true;
        if (!OnlyKeys(detail, "findings"))
            return false;
        if (Mapping(detail, "findings") is not { } findings)
            return detail.Find("findings") is null;
        return OnlyKeys(findings, "ProductName", "CompanyName", "ProductArn", "Severity", "RecordState", "Workflow", "Resources")
            && Nested(rule, findings, "Severity", "Label", severity)
            && Surely(rule, findings, "RecordState", "ACTIVE")
            && Nested(rule, findings, "Workflow", "Status", "NEW")
            && Nested(rule, findings, "Resources", "Type", SecurityHubFindings.LambdaResourceType);
    }

    private static bool HasTarget(EventRule rule)
    {
        if (rule.Body.GetValue("Targets") is not { } targets)
            return false;
        return rule.Template.Resolver.Resolve(targets).Alternatives.All(a => a is ListValue { Items.Length: > 0 });
    }

    private static bool OnlyKeys(MappingNode mapping, params string[] keys) =>
        !IntrinsicFunction.Is(mapping) && mapping.EffectiveEntries().All(e => e.KeyText is { } key && keys.Contains(key, StringComparer.Ordinal));

    private static MappingNode? Mapping(MappingNode mapping, string key) =>
        mapping.GetValue(key)?.Resolve() is MappingNode { } nested && !IntrinsicFunction.Is(nested) ? nested : null;

    /// <summary>Whether the field is absent or surely matches <paramref name="value"/>.</summary>
    private static bool Surely(EventRule rule, MappingNode mapping, string key, string value) =>
        mapping.Find(key) is not { } entry || rule.Matches(new PatternField(entry, IsExactKey: true), value) == TriState.True;

    /// <summary>Whether the nested mapping <paramref name="key"/> is absent, or holds only <paramref name="field"/>,
    /// which is absent or surely matches <paramref name="value"/>.</summary>
    private static bool Nested(EventRule rule, MappingNode mapping, string key, string field, string value)
    {
        if (mapping.Find(key) is null)
            return true;
        return Mapping(mapping, key) is { } nested && OnlyKeys(nested, field) && Surely(rule, nested, field, value);
    }
}
