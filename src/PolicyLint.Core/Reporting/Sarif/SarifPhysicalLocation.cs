#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>A physical location (§3.29).</summary>
public sealed class SarifPhysicalLocation
{
    /// <summary>The file.</summary>
    public SarifArtifactLocation ArtifactLocation { get; set; } = new();

    /// <summary>The region.</summary>
    public SarifRegion? Region { get; set; }
}
