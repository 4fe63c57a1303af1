#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>A result's property bag.</summary>
public sealed class SarifResultProperties
{
    /// <summary>The samconfig environments whose analysis found the result, when the run analyzed every environment
    /// (<c>--config-env '*'</c>).</summary>
    public List<string>? ConfigEnvironments { get; set; }
}
