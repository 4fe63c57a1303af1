using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Ledger;

/// <summary>
/// What every ledger record has, exclusion or suppression rule: the <c>reason</c>, <c>owner</c> and <c>dates</c>
/// sections with their fields and positions.
/// </summary>
/// <remarks>Format: docs/ledger-format.md.</remarks>
public abstract class LedgerRecord : IReportable
{
    private protected LedgerRecord(ExclusionLedger ledger, string section, int index, MappingNode node)
    {
        Ledger = ledger;
        Section = section;
        Index = index;
        Node = node;
        LogicalLocation = new LogicalLocation(null, $"{ledger.Source.Path}#{section}[{index}]", LogicalLocationKind.Object);
    }

    /// <summary>The ledger.</summary>
    public ExclusionLedger Ledger { get; }

    /// <summary>The list the record is in: <c>exclusions</c> or <c>suppressions</c>.</summary>
    public string Section { get; }

    /// <summary>0-based position in its list.</summary>
    public int Index { get; }

    /// <summary>The record mapping.</summary>
    public MappingNode Node { get; }

    /// <summary>SARIF logical location <c>path#exclusions[i]</c> or <c>path#suppressions[i]</c>.</summary>
    public LogicalLocation LogicalLocation { get; }

    /// <summary>The <c>target</c>, <c>reason</c>, <c>owner</c>, <c>dates</c> entries (null when absent).</summary>
    public MappingEntry? TargetSection { get; internal set; }

    /// <inheritdoc cref="TargetSection"/>
    public MappingEntry? ReasonSection { get; internal set; }

    /// <inheritdoc cref="TargetSection"/>
    public MappingEntry? OwnerSection { get; internal set; }

    /// <inheritdoc cref="TargetSection"/>
    public MappingEntry? DatesSection { get; internal set; }

    /// <summary>The record's <c>suppress</c> list entry (in-source suppressions of results about this record), or null.</summary>
    public MappingEntry? SuppressEntry { get; internal set; }

    /// <summary><c>target.type</c>.</summary>
    public LedgerField? TargetType { get; internal set; }

    /// <summary><c>target.template</c> (root-relative path).</summary>
    public LedgerField? Template { get; internal set; }

    /// <summary><c>target.logical_id</c>.</summary>
    public LedgerField? LogicalId { get; internal set; }

    /// <summary><c>reason.summary</c>.</summary>
    public LedgerField? Summary { get; internal set; }

    /// <summary><c>reason.ticket</c>.</summary>
    public LedgerField? Ticket { get; internal set; }

    /// <summary><c>reason.compensating_controls</c> items.</summary>
    public IReadOnlyList<string> CompensatingControls { get; internal set; } = [];

    /// <summary><c>owner.team</c>.</summary>
    public LedgerField? Team { get; internal set; }

    /// <summary><c>owner.approved_by</c>.</summary>
    public LedgerField? ApprovedBy { get; internal set; }

    /// <summary><c>owner.applied_by</c>.</summary>
    public LedgerField? AppliedBy { get; internal set; }

    /// <summary><c>dates.applied_at</c>.</summary>
    public LedgerField? AppliedAt { get; internal set; }

    /// <summary><c>dates.expires_at</c>.</summary>
    public LedgerField? ExpiresAt { get; internal set; }

    /// <summary><c>dates.next_review_at</c>.</summary>
    public LedgerField? NextReviewAt { get; internal set; }

    /// <summary>How messages name the record.</summary>
    public abstract string DisplayName { get; }

    /// <summary>A key that identifies the record across edits (for fingerprints).</summary>
    public abstract string StableKey { get; }

    /// <summary>The location of the record's first key (the line of <c>- target:</c>).</summary>
    public Location FirstKeyLocation => Node.Entries.Count > 0 ? Node.Entries[0].Key.Location : Node.Location;

    /// <inheritdoc />
    public DiagnosticTarget Target => new(FirstKeyLocation, LogicalLocation, string.Empty, []) { StableKey = StableKey };

    /// <summary>A target at a section key (for a field missing from it), else at the first key.</summary>
    public DiagnosticTarget TargetAtSection(MappingEntry? section, string path) =>
        new(section?.KeyLocation ?? FirstKeyLocation, LogicalLocation, path, []) { StableKey = StableKey };
}
