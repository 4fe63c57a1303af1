#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>A logical location (§3.33).</summary>
public sealed class SarifLogicalLocation
{
    /// <summary>Short name.</summary>
    public string? Name { get; set; }

    /// <summary>Fully qualified name.</summary>
    public string? FullyQualifiedName { get; set; }

    /// <summary><c>resource</c> or <c>object</c>.</summary>
    public string? Kind { get; set; }
}
