using System.Collections.Immutable;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Rules.Shared;

namespace PolicyLint.Rules.SuppressionFilters;

/// <summary>PL5002: reports an Amazon Inspector suppression rule whose <c>FilterCriteria</c> only name whole classes
/// of findings (severity, resource type, finding type, account, status, scores, dates…) and nothing that narrows it
/// to the accepted vulnerability or resource.</summary>
public sealed class BroadSuppressionRuleAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Arguments: {0} the filter (logical ID and static name); {1} " in a branch of Fn::If" or empty; {2} the
    /// criteria it has, e.g. <c>Severity, ResourceType</c>, or <c>no criterion</c>.</summary>
    public static readonly DiagnosticDescriptor Rule = DiagnosticDescriptor.Create(
        id: "PL5002",
        name: "BroadSuppressionRule",
        title: "Suppression rule hides whole classes of findings",
        messageFormat: "Suppression rule {0} hides Amazon Inspector findings by broad criteria only{1} ({2}), so it suppresses whole classes of findings on every resource; narrow it with a criterion that names what was accepted, such as VulnerabilityId, VulnerablePackages, LambdaFunctionName, ResourceId or ResourceTags",
        category: RuleCategory.SuppressionFilters,
        defaultSeverity: DiagnosticSeverity.Warning,
        description: "An Amazon Inspector filter with FilterAction SUPPRESS matches findings only by severity, resource type, finding " +
                     "type, account or similar criteria, so it hides every finding of those classes, including new vulnerabilities " +
                     "in resources nobody accepted a risk for.");

    /// <summary>
    /// Criteria that name classes of findings, not the accepted vulnerability or resource: Severity, ResourceType,
    /// FindingType and AwsAccountId (docs/aws-facts.md#inspector-filters), and, by the same reasoning, status, scores, availability flags, dates,
    /// and architecture, protocol, port and detector-tag classes. Every other criterion (LambdaFunctionName,
    /// LambdaFunctionRuntime, LambdaFunctionLayers, ResourceId, ResourceTags, VulnerabilityId, VulnerablePackages,
    /// FindingArn, Title, …) narrows the filter when it has at least one value it must equal or start with.
    /// </summary>
    /// <remarks>A read-only view of a <see cref="HashSet{T}"/>: an <c>ImmutableHashSet</c> costs type loading and
    /// JIT-compiled code at every start (issue 15).</remarks>
    public static readonly IReadOnlySet<string> BroadCriteria = new HashSet<string>(StringComparer.Ordinal)
    {
        "AwsAccountId", "CodeVulnerabilityDetectorTags", "ComponentType", "EcrImageArchitecture", "EcrImagePushedAt", "EpssScore",
        "ExploitAvailable", "FindingStatus", "FindingType", "FirstObservedAt", "FixAvailable", "InspectorScore",
        "LambdaFunctionLastModifiedAt", "LastObservedAt", "NetworkProtocol", "PortRange", "ResourceType", "Severity", "UpdatedAt",
        "VendorSeverity", "VulnerabilitySource",
    };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(Analyze, InspectorFilters.FilterType);

    private static void Analyze(ResourceAnalysisContext context)
    {
        if (InspectorFilters.SuppressingAction(context, out _) is null)
            return;
        if (context.Resource.GetProperty("FilterCriteria") is not { } criteria)
            return; // required by CloudFormation: the deployment fails before anything is suppressed

        var filter = context.Resource;
        var subject = InspectorFilters.Describe(filter, InspectorFilters.StaticName(filter));
        if (criteria.Value is MappingNode map && !IntrinsicFunction.Is(map))
        {
            if (Broad(context, map) is { } broad)
                context.ReportDiagnostic(Rule, criteria, subject, string.Empty, broad);
            return;
        }

        // FilterCriteria: !If [cond, {…}, {…}]: either branch counts whatever the condition.
        if (IntrinsicFunction.TryGet(criteria.Value, out var function) && function.Name == "Fn::If" && function.ValidateForm() is null
            && function.Argument is SequenceNode branches && branches[1] is MappingNode whenTrue && branches[2] is MappingNode whenFalse)
        {
            var broad = Broad(context, whenTrue) ?? Broad(context, whenFalse);
            if (broad is not null)
                context.ReportDiagnostic(Rule, criteria, subject, " in a branch of Fn::If", broad);
            return;
        }

        var value = context.Template.EveryBranchResolver.Resolve(criteria.Value);
        context.ReportUnresolved(criteria, $"whether suppression rule {subject} hides findings by broad criteria only",
            value.FirstUnresolvedReason ?? $"FilterCriteria is {value}");
    }

    /// <summary>The criteria as the message lists them when none narrows the filter; null when one does.</summary>
    private static string? Broad(ResourceAnalysisContext context, MappingNode criteria)
    {
        var listed = new List<string>();
        foreach (var entry in criteria.EffectiveEntries())
        {
            if (entry.KeyText is not { } key)
                continue;
            if (BroadCriteria.Contains(key))
                listed.Add(key);
            else if (Narrows(context, entry.Value))
                return null;
            else
                listed.Add($"{key} without a value to equal or start with");
        }

        return listed.Count == 0 ? "no criterion" : string.Join(", ", listed);
    }

    /// <summary>Whether a criterion's filters select something: a list with at least one filter whose comparison is
    /// not NOT_EQUALS and whose value is not empty. What cannot be read (an intrinsic function, an unresolved value)
    /// counts as narrowing, so that nothing is reported on it.</summary>
    private static bool Narrows(ResourceAnalysisContext context, SyntaxNode criterion)
    {
        if (criterion is not SequenceNode filters)
            return criterion is not ScalarNode { IsNull: true };
        foreach (var item in filters.Items)
        {
            if (item.Resolve() is not MappingNode filter || IntrinsicFunction.Is(filter) || Selects(context, filter))
                return true;
        }

        return false;
    }

    /// <summary>Whether one filter selects something. A StringFilter or MapFilter has a <c>Comparison</c>; a
    /// PackageFilter (<c>VulnerablePackages</c>) or CodeVulnerabilityFilePath holds StringFilters by field name, and
    /// selects when one of them does.</summary>
    private static bool Selects(ResourceAnalysisContext context, MappingNode filter)
    {
        if (filter.Find("Comparison") is not { } comparisonEntry)
        {
            return filter.EffectiveEntries().Any(e => e.Value is MappingNode nested
                && (IntrinsicFunction.Is(nested) || (nested.Find("Comparison") is not null && Selects(context, nested))));
        }

        var comparison = context.Template.EveryBranchResolver.Resolve(comparisonEntry.Value);
        if (!comparison.HasUnresolved && comparison.LiteralTexts.All(t => t == "NOT_EQUALS"))
            return false;
        // ResourceTags is a MapFilter {Comparison, Key, Value}: a Key selects tagged resources.
        var value = filter.GetValue("Value") is { } v ? context.Template.EveryBranchResolver.Resolve(v) : null;
        var key = filter.GetValue("Key") is { } k ? context.Template.EveryBranchResolver.Resolve(k) : null;
        return Selects(value) || Selects(key);
    }

    private static bool Selects(ResolvedValue? value) =>
        value is not null && (value.HasUnresolved || value.Alternatives.Any(a => a is not LiteralValue { Text: "" } and not NoValue));
}
