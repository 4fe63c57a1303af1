using PolicyLint.Core.Analysis;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Semantics;

namespace PolicyLint.Rules.Shared;

/// <summary>
/// Amazon Inspector suppression rules: <c>AWS::InspectorV2::Filter</c> resources whose <c>FilterAction</c> is
/// <c>SUPPRESS</c>, and the ledger's <c>suppressions</c> records that match them.
/// </summary>
/// <remarks>Source: AWS CloudFormation Template Reference, "AWS::InspectorV2::Filter"
/// (aws-resource-inspectorv2-filter.html); ledger format: docs/ledger-format.md#suppression-records.</remarks>
internal static class InspectorFilters
{
    /// <summary>The resource type of an Inspector filter.</summary>
    public const string FilterType = "AWS::InspectorV2::Filter";

    /// <summary>The <c>FilterAction</c> that hides matching findings.</summary>
    public const string Suppress = "SUPPRESS";

    /// <summary>
    /// The filter's <c>FilterAction</c> when it is <c>SUPPRESS</c> in some deployment (either branch of <c>Fn::If</c>
    /// counts whatever its condition, as exclusion tags do, docs/conventions.md#c8), else null. <paramref name="inBranch"/> tells whether
    /// only a branch suppresses. A value that cannot be resolved is reported as PL0002 (the same result from every
    /// rule, so the engine keeps one).
    /// </summary>
    public static EffectiveProperty? SuppressingAction(ResourceAnalysisContext context, out bool inBranch)
    {
        inBranch = false;
        if (context.Resource.GetProperty("FilterAction") is not { } action)
            return null;
        var value = context.Template.EveryBranchResolver.Resolve(action.Value);
        if (value.LiteralTexts.Contains(Suppress, StringComparer.Ordinal))
        {
            inBranch = value.Alternatives.Length > 1;
            return action;
        }

        if (value.HasUnresolved)
            context.ReportUnresolved(action, $"whether Inspector filter '{context.Resource.LogicalId}' suppresses findings", value);
        return null;
    }

    /// <summary>How messages name a filter: <c>'NoisyCve' (filter 'accepted-cve')</c>, or its logical ID alone when
    /// its <c>Name</c> is not static.</summary>
    public static string Describe(Resource filter, string? name) =>
        name is null ? $"'{filter.LogicalId}'" : $"'{filter.LogicalId}' (filter '{name}')";

    /// <summary>The filter's <c>Name</c> when it resolves to exactly one non-empty string (docs/conventions.md#c9), else null.</summary>
    public static string? StaticName(Resource filter) =>
        filter.GetProperty("Name") is { } name && filter.Template.Resolver.Resolve(name.Value).TryGetString(out var text) && text.Length > 0 ? text : null;

    /// <summary>
    /// The ledger's suppression-rule records for <paramref name="filter"/>, in file order: a record that gives
    /// <c>target.template</c> and <c>target.logical_id</c> matches by those only; any other record matches by
    /// <c>target.name</c> equal to the filter's static <paramref name="name"/>. Expired or otherwise invalid records
    /// count (their defects are reported on the ledger, docs/conventions.md#c10).
    /// </summary>
    public static IReadOnlyList<SuppressionRuleRecord> RecordsFor(ExclusionLedger ledger, Resource filter, string? name) =>
        [.. ledger.SuppressionRules.Where(record =>
            record.Template?.Text is { } template && record.LogicalId?.Text is { } logicalId
                ? string.Equals(LedgerMatching.NormalizePath(template), filter.Template.Path, StringComparison.Ordinal)
                  && string.Equals(logicalId, filter.LogicalId, StringComparison.Ordinal)
                : name is not null && string.Equals(record.Name?.Text, name, StringComparison.Ordinal))];
}
