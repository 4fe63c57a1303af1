#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>A notification (§3.58).</summary>
public sealed class SarifNotification
{
    /// <summary>Where, when about a file.</summary>
    public List<SarifLocation>? Locations { get; set; }

    /// <summary>What happened.</summary>
    public SarifMessage Message { get; set; } = new();

    /// <summary><c>error</c>, <c>warning</c> or <c>note</c>.</summary>
    public string? Level { get; set; }
}
