using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.FindingNotification;

/// <summary>PL4002: reports a finding rule (docs/conventions.md#c6: an Inspector rule, or a Security Hub route for Inspector findings)
/// whose event pattern names a key or value with the wrong case or a typo, or leaves out HIGH or CRITICAL findings or
/// filters out ACTIVE ones while no set of rules that deliver covers them (<see cref="FindingCoverage"/>).</summary>
/// <remarks>Sources: Amazon Inspector User Guide, "Amazon EventBridge event schema for Amazon Inspector events"
/// (eventbridge-integration.html); Amazon Inspector API Reference, "Finding" (API_Finding.html); Amazon EventBridge
/// User Guide, "Comparison operators for use in event patterns" (eb-create-pattern-operators.html); AWS Security Hub
/// User Guide, "Configuring an EventBridge rule for Security Hub CSPM findings" (securityhub-cwe-all-findings.html) and
/// the ASFF attribute pages (asff-required-attributes.html, asff-top-level-attributes.html).</remarks>
public sealed class MismatchedFindingPatternAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the rule (logical ID, or <c>Function.Events.Name</c> for a SAM function event);
    /// {1} what the pattern gets wrong and what to write instead.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL4002",
        name: "MismatchedFindingPattern",
        title: "Inspector rule pattern misses findings",
        messageFormat: "Rule '{0}' {1}",
        category: RuleCategory.FindingNotification,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "An EventBridge rule meant for Amazon Inspector findings (directly, or through Security Hub's imported findings) " +
                     "has an event pattern that names a key or value that never matches, because EventBridge compares keys and values " +
                     "exactly and case-sensitively, or that leaves out HIGH or CRITICAL findings or filters out ACTIVE findings while " +
                     "no other rule that delivers findings covers them.");

    /// <summary>Top-level fields of every EventBridge event, and the pattern's <c>$or</c>.</summary>
    private static readonly string[] EventKeys = ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail", "$or"];

    /// <summary>Fields of an Amazon Inspector finding (API_Finding.html), which is the <c>detail</c> of a finding event.</summary>
    private static readonly string[] FindingKeys =
    [
        "awsAccountId", "codeVulnerabilityDetails", "description", "epss", "exploitAvailable", "exploitabilityDetails", "findingArn",
        "firstObservedAt", "fixAvailable", "inspectorScore", "inspectorScoreDetails", "lastObservedAt", "networkReachabilityDetails",
        "packageVulnerabilityDetails", "remediation", "resources", "severity", "status", "title", "type", "updatedAt", "$or",
    ];

    /// <summary>ASFF top-level attributes (asff-required-attributes.html, asff-top-level-attributes.html), the keys of
    /// <c>detail.findings</c> in a Security Hub pattern.</summary>
    private static readonly string[] AsffKeys =
    [
        "AwsAccountId", "CreatedAt", "Description", "GeneratorId", "Id", "ProductArn", "Resources", "SchemaVersion", "Severity", "Title",
        "Types", "UpdatedAt", "Action", "AwsAccountName", "CompanyName", "Compliance", "Confidence", "Criticality", "Detection",
        "FindingProviderFields", "FirstObservedAt", "GeneratorDetails", "LastObservedAt", "Malware", "Network", "NetworkPath", "Note",
        "PatchSummary", "Process", "ProcessedAt", "ProductFields", "ProductName", "RecordState", "Region", "RelatedFindings", "Remediation",
        "Sample", "SourceUrl", "ThreatIntelIndicators", "Threats", "UserDefinedFields", "VerificationState", "Vulnerabilities", "Workflow",
        "WorkflowState", "$or",
    ];

    private static readonly Field Source = new("source", "source", [InspectorFindings.Source], IsClosed: false, [InspectorFindings.Source]);
    private static readonly Field DetailType = new("detail-type", "detail-type", [InspectorFindings.DetailType], IsClosed: false, [InspectorFindings.DetailType]);
    private static readonly Field Severity = new("severity", "detail.severity", ["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL", "UNTRIAGED"], IsClosed: true, ["HIGH", "CRITICAL"], IsTiered: true);
    private static readonly Field Status = new("status", "detail.status", ["ACTIVE", "SUPPRESSED", "CLOSED"], IsClosed: true, ["ACTIVE"], IsTiered: true);

    private static readonly Field HubSource = new("source", "source", [SecurityHubFindings.Source], IsClosed: false, [SecurityHubFindings.Source]);
    private static readonly Field HubDetailType = new("detail-type", "detail-type", [SecurityHubFindings.DetailType], IsClosed: false, [SecurityHubFindings.DetailType]);
    private static readonly Field HubProductName = new("ProductName", "detail.findings.ProductName", [SecurityHubFindings.InspectorProductName], IsClosed: false, [SecurityHubFindings.InspectorProductName]);
    private static readonly Field HubCompanyName = new("CompanyName", "detail.findings.CompanyName", [SecurityHubFindings.InspectorCompanyName], IsClosed: false, [SecurityHubFindings.InspectorCompanyName]);
    private static readonly Field HubSeverity = new("Label", "detail.findings.Severity.Label", ["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"], IsClosed: true, ["HIGH", "CRITICAL"], IsTiered: true);
    private static readonly Field HubRecordState = new("RecordState", "detail.findings.RecordState", ["ACTIVE", "ARCHIVED"], IsClosed: true, ["ACTIVE"], IsTiered: true);
    private static readonly Field HubWorkflowStatus = new("Status", "detail.findings.Workflow.Status", ["NEW", "NOTIFIED", "RESOLVED", "SUPPRESSED"], IsClosed: true, ["NEW"], IsTiered: true);

    /// <summary>Values of Amazon Inspector Classic, which Amazon Inspector (v2) does not send.</summary>
    private static readonly Dictionary<string, string> Classic = new(StringComparer.Ordinal)
    {
        ["aws.inspector"] = InspectorFindings.Source,
        ["Inspector Finding"] = InspectorFindings.DetailType,
    };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterProjectAction(Analyze);

    private static void Analyze(ProjectAnalysisContext context)
    {
        var rules = FindingRoutes.All(context.Project);
        // Deliberate tiering: a rule that leaves severities or statuses out is fine when the rules that deliver cover them.
        var covered = FindingCoverage.CoversRequired(rules);
        foreach (var rule in rules)
        {
            if (!rule.IsFindingRule || rule.Pattern is not { } pattern || rule.PatternEntry is not { } patternEntry)
                continue;
            if (rule.IsInspectorRule)
                CheckInspectorPattern(new PatternCheck(context, rule, patternEntry, covered, "Amazon Inspector finding events", "Amazon Inspector"), pattern);
            else
                CheckSecurityHubPattern(new PatternCheck(context, rule, patternEntry, covered, "Security Hub's imported findings", "Security Hub"), pattern);
        }
    }

    private static void CheckInspectorPattern(PatternCheck check, MappingNode pattern)
    {
        check.Keys(pattern, EventKeys, ["source", "detail-type", "detail"], string.Empty);
        check.Values(pattern, Source);
        check.Values(pattern, DetailType);
        if (Nested(pattern, "detail") is { } detail)
        {
            check.Keys(detail, FindingKeys, ["severity", "status"], "detail.");
            check.Values(detail, Severity);
            check.Values(detail, Status);
        }
    }

    /// <summary>A Security Hub route: the same checks on ASFF's fields (docs/conventions.md#c6, revised 2026-12-07).</summary>
    private static void CheckSecurityHubPattern(PatternCheck check, MappingNode pattern)
    {
        check.Keys(pattern, EventKeys, ["source", "detail-type", "detail"], string.Empty);
        check.Values(pattern, HubSource);
        check.Values(pattern, HubDetailType);
        if (Nested(pattern, "detail") is not { } detail)
            return;
        check.Keys(detail, ["findings", "$or"], ["findings"], "detail.");
        if (Nested(detail, "findings") is not { } findings)
            return;
        check.Keys(findings, AsffKeys, ["ProductName", "CompanyName", "ProductArn", "Severity", "RecordState", "Workflow"], "detail.findings.");
        check.Values(findings, HubProductName);
        check.Values(findings, HubCompanyName);
        check.Values(findings, HubRecordState);
        if (Nested(findings, "Severity") is { } severity)
        {
            check.Keys(severity, ["Label", "Normalized", "Original", "Product"], ["Label"], "detail.findings.Severity.");
            check.Values(severity, HubSeverity);
        }

        if (Nested(findings, "Workflow") is { } workflow)
        {
            check.Keys(workflow, ["Status"], ["Status"], "detail.findings.Workflow.");
            check.Values(workflow, HubWorkflowStatus);
        }
    }

    /// <summary>The nested pattern under <paramref name="key"/> (or a key that misses it only nearly), or null.</summary>
    private static MappingNode? Nested(MappingNode mapping, string key) =>
        EventRule.FindField(mapping, key)?.Entry.Value.Resolve() is MappingNode nested && !IntrinsicFunction.Is(nested) ? nested : null;

    /// <summary>A field the rule checks.</summary>
    /// <param name="Key">Its key in its mapping.</param>
    /// <param name="Display">Its path in the pattern, for messages.</param>
    /// <param name="Domain">The values Inspector sends that the rule knows (all of them when closed).</param>
    /// <param name="IsClosed">Whether <paramref name="Domain"/> lists every value the field can have.</param>
    /// <param name="Required">The values the pattern must match.</param>
    /// <param name="IsTiered">Whether a missing required value may be left to other rules (severity and status: see
    /// <see cref="FindingCoverage"/>); a look-alike value is reported whatever the other rules.</param>
    private sealed record Field(string Key, string Display, string[] Domain, bool IsClosed, string[] Required, bool IsTiered = false);

    /// <summary>A pattern element that names a value Inspector sends, but misses it by case or a typo.</summary>
    private sealed record LookAlike(ValueMatcher Matcher, string Text, string Intended, bool IsExclusion);

    /// <param name="context">The analysis.</param>
    /// <param name="rule">The rule checked.</param>
    /// <param name="patternEntry">Its <c>EventPattern</c> (or SAM <c>Pattern</c>) entry.</param>
    /// <param name="covered">Whether the project's delivering rules cover HIGH and CRITICAL ACTIVE findings.</param>
    /// <param name="events">How messages name the events whose keys are checked.</param>
    /// <param name="sender">How messages name who sends the values.</param>
    private sealed class PatternCheck(ProjectAnalysisContext context, EventRule rule, MappingEntry patternEntry, bool covered, string events, string sender)
    {
        private readonly string _patternPath = patternEntry.KeyText ?? "EventPattern";

        public void Keys(MappingNode mapping, string[] known, string[] checkedKeys, string parent)
        {
            foreach (var entry in mapping.EffectiveEntries())
            {
                if (entry.KeyText is not { } key || known.Contains(key, StringComparer.Ordinal))
                    continue;
                var intended = checkedKeys
                    .Where(k => InspectorFindings.IsNearMiss(key, k))
                    .OrderBy(k => EditDistance.Compute(key, k, 100))
                    .FirstOrDefault();
                if (intended is null)
                    continue;
                var why = string.Equals(key, intended, StringComparison.OrdinalIgnoreCase) ? " because keys are case-sensitive" : string.Empty;
                Report(entry, null, $"{parent}{key}",
                    $"filters on key '{parent}{key}', which {events} do not have{why}, so it matches no event; write '{parent}{intended}'");
            }
        }

        public void Values(MappingNode mapping, Field field)
        {
            if (EventRule.FindField(mapping, field.Key)?.Entry is not { } entry)
                return; // an absent field filters nothing (docs/conventions.md#c6); a misspelt key is reported by Keys, its values here
            var matchers = EventPatterns.ReadField(entry.Value, rule.Template, literalOnly: rule.IsJsonStringPattern);
            var lookAlikes = matchers.SelectMany(m => FindLookAlikes(m, field, exclusion: false, sender)).ToList();
            var missing = field.Required.Where(r => ValueMatcher.AnyMatches(matchers, r) == TriState.False).ToList();
            var unknown = field.Required.Where(r => ValueMatcher.AnyMatches(matchers, r) == TriState.Unknown).ToList();
            if (!field.IsClosed && missing.Count == 0)
                lookAlikes.Clear(); // other services' values beside the right one are not mistakes

            foreach (var lookAlike in lookAlikes)
                Report(null, lookAlike.Matcher.Node, $"{field.Display}[{Operand(lookAlike.Matcher)}]", lookAlike.Text);

            var unexplained = missing.Where(r => !lookAlikes.Any(l => !l.IsExclusion && l.Intended == r)).ToList();
            if (field.IsTiered && covered)
                return; // other rules that deliver cover what this one leaves out
            if (unexplained.Count > 0)
            {
                var what = field.IsClosed ? $"{string.Join(" and ", unexplained)} findings" : "Amazon Inspector findings";
                Report(entry, null, field.Display, $"filters out {what} ({field.Display}); match {string.Join(" and ", unexplained.Select(r => $"'{r}'"))}");
            }
            else if (unknown.Count > 0 && matchers.SelectMany(m => m is AnythingButMatcher a ? a.Excluded : [m]).OfType<UnknownMatcher>().FirstOrDefault() is { } undecided)
            {
                var what = field.IsClosed ? $"{string.Join(" and ", unknown)} findings" : "Amazon Inspector findings";
                context.ReportDiagnostic(EngineDiagnostics.Unresolved, Target(entry, null, field.Display), $"whether rule '{rule.Name}' matches {what} ({field.Display})", undecided.Reason);
            }
        }

        private static IEnumerable<LookAlike> FindLookAlikes(ValueMatcher matcher, Field field, bool exclusion, string sender)
        {
            var candidates = field.Domain;
            string? intended = null;
            var caseOnly = false;
            switch (matcher)
            {
                case ExactMatcher { Value: var value }:
                    if (candidates.Contains(value, StringComparer.Ordinal))
                        yield break;
                    if (!field.IsClosed && !exclusion && Classic.TryGetValue(value, out var v2) && field.Domain.Contains(v2, StringComparer.Ordinal))
                    {
                        yield return new LookAlike(matcher, $"lists {field.Display} '{value}', which only Amazon Inspector Classic sends; Amazon Inspector sends '{v2}'", v2, exclusion);
                        yield break;
                    }

                    intended = candidates.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase))
                        ?? candidates.FirstOrDefault(c => InspectorFindings.IsNearMiss(value, c));
                    caseOnly = intended is not null && string.Equals(intended, value, StringComparison.OrdinalIgnoreCase);
                    break;
                case IgnoreCaseMatcher { Value: var value }:
                    if (candidates.Contains(value, StringComparer.OrdinalIgnoreCase))
                        yield break;
                    intended = candidates.FirstOrDefault(c => InspectorFindings.IsNearMiss(value.ToUpperInvariant(), c.ToUpperInvariant()));
                    break;
                case AffixMatcher { IgnoreCase: false } affix:
                    if (candidates.Any(c => affix.Test(c, StringComparison.Ordinal)))
                        yield break;
                    intended = candidates.FirstOrDefault(c => affix.Test(c, StringComparison.OrdinalIgnoreCase));
                    caseOnly = true;
                    break;
                case WildcardMatcher wildcard:
                    if (candidates.Any(c => wildcard.Test(c, ignoreCase: false)))
                        yield break;
                    intended = candidates.FirstOrDefault(c => wildcard.Test(c, ignoreCase: true));
                    caseOnly = true;
                    break;
                case AnythingButMatcher anythingBut when field.IsClosed && !exclusion:
                    foreach (var excluded in anythingBut.Excluded)
                    {
                        foreach (var lookAlike in FindLookAlikes(excluded, field, exclusion: true, sender))
                            yield return lookAlike;
                    }

                    yield break;
            }

            if (intended is null)
                yield break;
            var described = $"{field.Display} {(exclusion ? "anything-but " : string.Empty)}{matcher.OperatorText}'{Operand(matcher)}'";
            var verb = exclusion ? "excludes nothing" : "matches no Amazon Inspector finding";
            var why = caseOnly ? " because EventBridge compares values case-sensitively" : string.Empty;
            yield return new LookAlike(matcher, $"lists {described}, which {verb}{why}; {sender} sends '{intended}'", intended, exclusion);
        }

        private static string Operand(ValueMatcher matcher) => matcher switch
        {
            ExactMatcher m => m.Value,
            AffixMatcher m => m.Value,
            IgnoreCaseMatcher m => m.Value,
            WildcardMatcher m => m.Value,
            _ => string.Empty,
        };

        /// <summary>Reports at <paramref name="key"/>'s key or at <paramref name="node"/>; inside a JSON-string pattern,
        /// at the pattern's key, since positions inside the string are not reported.</summary>
        private void Report(MappingEntry? key, SyntaxNode? node, string path, string text) =>
            context.ReportDiagnostic(Rule, Target(key, node, path), rule.Name, text);

        private DiagnosticTarget Target(MappingEntry? key, SyntaxNode? node, string path)
        {
            var fullPath = $"{_patternPath}.{path}";
            if (rule.IsJsonStringPattern)
                return rule.TargetAt(patternEntry, fullPath);
            return key is not null
                ? rule.TargetAt(key, fullPath)
                : rule.Resource.TargetAt(node!, $"{rule.BodyPath}.{fullPath}");
        }
    }
}
