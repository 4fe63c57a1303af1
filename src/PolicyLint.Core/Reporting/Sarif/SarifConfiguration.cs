#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>reportingConfiguration (§3.50).</summary>
public sealed class SarifConfiguration
{
    /// <summary>Whether the rule is enabled (written only when false).</summary>
    public bool? Enabled { get; set; }

    /// <summary><c>error</c>, <c>warning</c>, <c>note</c> or <c>none</c>.</summary>
    public string? Level { get; set; }
}
