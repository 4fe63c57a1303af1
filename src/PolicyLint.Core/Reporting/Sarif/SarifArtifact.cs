#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>An artifact (§3.24): an AWS CLI export the run read.</summary>
public sealed class SarifArtifact
{
    /// <summary>Where it is (§3.24.2): under <c>%SRCROOT%</c>, or an absolute <c>file:</c> URI outside the root.</summary>
    public SarifArtifactLocation? Location { get; set; }

    /// <summary>What it is: the commands, pages, records, accounts and Regions (§3.24.5).</summary>
    public SarifMessage? Description { get; set; }

    /// <summary><c>["analysisTarget"]</c> (§3.24.6).</summary>
    public List<string>? Roles { get; set; }

    /// <summary>When it was last modified, i.e. made by the AWS CLI: ISO 8601 UTC, whole seconds (§3.24.11).</summary>
    public string? LastModifiedTimeUtc { get; set; }
}
