#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>configurationOverride (§3.51).</summary>
public sealed class SarifConfigurationOverride
{
    /// <summary>The effective configuration.</summary>
    public SarifConfiguration Configuration { get; set; } = new();

    /// <summary>The rule it applies to.</summary>
    public SarifDescriptorReference Descriptor { get; set; } = new();
}
