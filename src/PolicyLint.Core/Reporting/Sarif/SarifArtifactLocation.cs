#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>An artifact location (§3.4).</summary>
public sealed class SarifArtifactLocation
{
    /// <summary>Root-relative, percent-encoded URI reference with <c>/</c>.</summary>
    public string? Uri { get; set; }

    /// <summary><c>%SRCROOT%</c>.</summary>
    public string? UriBaseId { get; set; }

    /// <summary>For <c>originalUriBaseIds</c> entries.</summary>
    public SarifMessage? Description { get; set; }
}
