using PolicyLint.Core.Ledger;
using PolicyLint.Core.Text;

namespace PolicyLint.Core.Inputs.Deployed;

/// <summary>What Amazon Inspector's coverage export says about one scan type of a function.</summary>
/// <param name="ScanType">The scan type: <c>PACKAGE</c> is Lambda standard scanning, <c>CODE</c> Lambda code
/// scanning (Inspector API reference, CoveredResource.scanType).</param>
/// <param name="StatusCode"><c>ACTIVE</c> (scanned) or <c>INACTIVE</c> (not scanned) (ScanStatus.statusCode).</param>
/// <param name="Reason">Why, e.g. <c>SUCCESSFUL</c>, <c>EXCLUDED_BY_TAG</c>, <c>UNSUPPORTED_RUNTIME</c>
/// (ScanStatus.reason); null when the record has none.</param>
/// <param name="Location">The record's <c>reason</c> value (else its <c>statusCode</c> value) in the export.</param>
/// <param name="Record">The coverage record (its opening brace).</param>
public sealed record CoverageStatus(ScanType ScanType, string StatusCode, string? Reason, Location Location, Location Record)
{
    /// <summary>Whether Inspector says it does not scan this scan type of the function.</summary>
    public bool IsInactive => StatusCode == "INACTIVE";
}
