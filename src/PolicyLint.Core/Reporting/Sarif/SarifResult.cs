#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>A result (§3.27).</summary>
public sealed class SarifResult
{
    /// <summary>The rule ID.</summary>
    public string RuleId { get; set; } = string.Empty;

    /// <summary>Index of the rule in <c>tool.driver.rules</c> (absent for a baseline result of a rule that no longer exists).</summary>
    public int? RuleIndex { get; set; }

    /// <summary><c>error</c>, <c>warning</c> or <c>note</c>, always written.</summary>
    public string Level { get; set; } = "warning";

    /// <summary>The message.</summary>
    public SarifMessage Message { get; set; } = new();

    /// <summary>One location.</summary>
    public List<SarifLocation> Locations { get; set; } = [];

    /// <summary>Related locations (docs/conventions.md#c7), or null.</summary>
    public List<SarifLocation>? RelatedLocations { get; set; }

    /// <summary><c>primaryLocationLineHash</c> and <c>policylint/v1</c>.</summary>
    public SortedDictionary<string, string>? PartialFingerprints { get; set; }

    /// <summary>Baseline comparison (§3.27.24): new, unchanged, updated, absent.</summary>
    public string? BaselineState { get; set; }

    /// <summary>In-source suppressions; every result has the array once suppressions are tracked (§3.27.23).</summary>
    public List<SarifSuppression>? Suppressions { get; set; }

    /// <summary>The result's property bag (§3.27.31, §3.8), or null.</summary>
    public SarifResultProperties? Properties { get; set; }
}
