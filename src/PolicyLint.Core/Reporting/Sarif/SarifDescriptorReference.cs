#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>reportingDescriptorReference (§3.52).</summary>
public sealed class SarifDescriptorReference
{
    /// <summary>The rule ID.</summary>
    public string? Id { get; set; }

    /// <summary>Index into <c>tool.driver.rules</c>.</summary>
    public int? Index { get; set; }
}
