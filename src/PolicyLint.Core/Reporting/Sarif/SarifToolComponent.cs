#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>A tool component (§3.19).</summary>
public sealed class SarifToolComponent
{
    /// <summary><c>PolicyLint</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The version (§3.19.13).</summary>
    public string? Version { get; set; }

    /// <summary>The semantic version (§3.19.12).</summary>
    public string? SemanticVersion { get; set; }

    /// <summary>The repository URL (§3.19.17).</summary>
    public string? InformationUri { get; set; }

    /// <summary>Every rule of the catalog in ID order (§3.19.23).</summary>
    public List<SarifReportingDescriptor>? Rules { get; set; }
}
