using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Ledger;

/// <summary>
/// One item of the optional <c>suppressions</c> list: a recorded Inspector suppression rule
/// (<c>AWS::InspectorV2::Filter</c> with <c>FilterAction: SUPPRESS</c>).
/// </summary>
public sealed class SuppressionRuleRecord : LedgerRecord
{
    internal SuppressionRuleRecord(ExclusionLedger ledger, int index, MappingNode node)
        : base(ledger, "suppressions", index, node)
    {
    }

    /// <summary><c>target.name</c>: the filter's <c>Name</c>.</summary>
    public LedgerField? Name { get; internal set; }

    /// <summary>Its filter name, else <c>template#logical_id</c>, else <c>suppressions[i]</c>.</summary>
    public override string DisplayName => Name?.Text
        ?? (Template?.Text is { } t && LogicalId?.Text is { } l ? $"{t}#{l}" : $"suppressions[{Index}]");

    /// <summary>The recorded filter identity.</summary>
    public override string StableKey => $"filter|{Name?.Text ?? $"{Template?.Text}#{LogicalId?.Text}"}";
}
