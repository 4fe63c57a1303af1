using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Ledger;

/// <summary>The scan type a ledger entry excludes.</summary>
public enum ScanType
{
    /// <summary>Lambda standard scanning (<c>scan_type: standard</c>).</summary>
    Standard,

    /// <summary>Lambda code scanning (<c>scan_type: code</c>).</summary>
    Code,
}

/// <summary>A scalar field of the ledger with its position. <see cref="Text"/> is null when the value is not a
/// scalar (that is a defect reported separately).</summary>
public sealed class LedgerField : IReportable
{
    internal LedgerField(string path, MappingEntry entry, LogicalLocation logicalLocation, LedgerRecord? record)
    {
        Path = path;
        Entry = entry;
        LogicalLocation = logicalLocation;
        Record = record;
        Text = entry.Value is ScalarNode { IsNull: false } scalar ? scalar.Value : null;
    }

    /// <summary>Dotted path inside the entry, e.g. <c>dates.expires_at</c>.</summary>
    public string Path { get; }

    /// <summary>The key/value entry as written.</summary>
    public MappingEntry Entry { get; }

    /// <summary>The scalar text, or null.</summary>
    public string? Text { get; }

    /// <summary>For date fields, the calendar date when <see cref="Text"/> is exactly <c>YYYY-MM-DD</c>; else null.</summary>
    public DateOnly? Date { get; internal set; }

    /// <summary>The value node's location.</summary>
    public Location ValueLocation => Entry.RawValue.Location;

    /// <summary>The entry (or file) the field belongs to.</summary>
    public LogicalLocation LogicalLocation { get; }

    /// <summary>The record the field belongs to, or null for a field of the file (<c>version</c>).</summary>
    public LedgerRecord? Record { get; }

    /// <inheritdoc />
    public DiagnosticTarget Target => new(Entry.KeyLocation, LogicalLocation, Path, []) { StableKey = Record?.StableKey };
}

/// <summary>A structural defect found while reading the ledger (PL3004): unknown key, missing field, wrong type,
/// malformed date, unknown version.</summary>
/// <param name="Target">Where (the offending key, or the parent key when a field is missing).</param>
/// <param name="Message">What, without a final period.</param>
public sealed record LedgerDefect(DiagnosticTarget Target, string Message) : IReportable;

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

/// <summary>
/// One item of <c>exclusions</c>: a recorded Inspector exclusion tag on one Lambda function.
/// </summary>
public sealed class LedgerEntry : LedgerRecord
{
    internal LedgerEntry(ExclusionLedger ledger, int index, MappingNode node)
        : base(ledger, "exclusions", index, node)
    {
    }

    /// <summary>The <c>tag</c> entry, or null.</summary>
    public MappingEntry? TagSection { get; internal set; }

    /// <summary><c>target.function_name</c>.</summary>
    public LedgerField? FunctionName { get; internal set; }

    /// <summary><c>target.function_arn</c>.</summary>
    public LedgerField? FunctionArn { get; internal set; }

    /// <summary><c>scan_type</c>.</summary>
    public LedgerField? ScanTypeField { get; internal set; }

    /// <summary><c>tag.key</c>.</summary>
    public LedgerField? TagKey { get; internal set; }

    /// <summary><c>tag.value</c>.</summary>
    public LedgerField? TagValue { get; internal set; }

    /// <summary>The scan type when <c>scan_type</c> is <c>standard</c> or <c>code</c>; else null.</summary>
    public ScanType? ScanType => ScanTypeField?.Text switch
    {
        "standard" => Core.Ledger.ScanType.Standard,
        "code" => Core.Ledger.ScanType.Code,
        _ => null,
    };

    /// <summary>The function name inside <c>function_arn</c> when the ARN is well formed; else null.</summary>
    public string? ArnFunctionName => FunctionArn?.Text is { } arn && LambdaArn.TryParse(arn, out var parsed) ? parsed.FunctionName : null;

    /// <summary>The deployed name this entry records: <c>function_name</c>, else the name in <c>function_arn</c>.</summary>
    public string? RecordedName => FunctionName?.Text ?? ArnFunctionName;

    /// <summary>Its function name, else <c>template#logical_id</c>, else <c>exclusions[i]</c>.</summary>
    public override string DisplayName => RecordedName
        ?? (Template?.Text is { } t && LogicalId?.Text is { } l ? $"{t}#{l}" : $"exclusions[{Index}]");

    /// <summary>The recorded identity and scan type.</summary>
    public override string StableKey => $"{RecordedName ?? $"{Template?.Text}#{LogicalId?.Text}"}|{ScanTypeField?.Text}";
}

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

/// <summary>A Lambda function ARN: <c>arn:&lt;partition&gt;:lambda:&lt;region&gt;:&lt;account&gt;:function:&lt;name&gt;[:&lt;qualifier&gt;]</c>.</summary>
/// <param name="Partition">e.g. <c>aws</c>.</param>
/// <param name="Region">e.g. <c>eu-west-1</c>.</param>
/// <param name="Account">12 digits.</param>
/// <param name="FunctionName">The function name.</param>
/// <param name="Qualifier">Version or alias, or null.</param>
public sealed record LambdaArn(string Partition, string Region, string Account, string FunctionName, string? Qualifier)
{
    /// <summary>The ARN without its qualifier: the function itself, whatever version or alias (Inspector's coverage
    /// export writes <c>:$LATEST</c>).</summary>
    public string Unqualified => $"arn:{Partition}:lambda:{Region}:{Account}:function:{FunctionName}";

    /// <summary><c>ACCOUNT/REGION</c>, how the deployed state names the scope of an export.</summary>
    public string Scope => $"{Account}/{Region}";

    /// <summary>Parses a function ARN; false when the text is not of the documented form.</summary>
    /// <remarks>Source: AWS Lambda Developer Guide, "Lambda function ARN" / IAM "Amazon Resource Names".</remarks>
    public static bool TryParse(string text, out LambdaArn arn)
    {
        arn = null!;
        var parts = text.Split(':');
        if (parts.Length is not (7 or 8) || parts[0] != "arn" || parts[2] != "lambda" || parts[5] != "function")
            return false;
        if (parts[1].Length == 0 || !parts[1].StartsWith("aws", StringComparison.Ordinal))
            return false;
        if (parts[3].Length == 0 || parts[4].Length != 12 || !parts[4].All(char.IsAsciiDigit))
            return false;
        if (parts[6].Length == 0 || !parts[6].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return false;
        if (parts.Length == 8 && parts[7].Length == 0)
            return false;
        arn = new LambdaArn(parts[1], parts[3], parts[4], parts[6], parts.Length == 8 ? parts[7] : null);
        return true;
    }
}
