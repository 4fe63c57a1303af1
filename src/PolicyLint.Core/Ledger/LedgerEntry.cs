using PolicyLint.Core.Syntax;

namespace PolicyLint.Core.Ledger;

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
