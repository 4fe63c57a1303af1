#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>A location (§3.28).</summary>
public sealed class SarifLocation
{
    /// <summary>Identifies a related location (§3.28.2).</summary>
    public int? Id { get; set; }

    /// <summary>File and region.</summary>
    public SarifPhysicalLocation? PhysicalLocation { get; set; }

    /// <summary>Resource or ledger entry.</summary>
    public List<SarifLogicalLocation>? LogicalLocations { get; set; }

    /// <summary>What a related location is.</summary>
    public SarifMessage? Message { get; set; }
}
