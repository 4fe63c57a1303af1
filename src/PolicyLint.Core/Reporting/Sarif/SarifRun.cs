#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>A run (§3.14).</summary>
public sealed class SarifRun
{
    /// <summary>The tool (§3.14.6).</summary>
    public SarifTool Tool { get; set; } = new();

    /// <summary>The invocation (§3.14.11).</summary>
    public List<SarifInvocation>? Invocations { get; set; }

    /// <summary>Base URIs (§3.14.14): <c>%SRCROOT%</c> with a description and no URI.</summary>
    public Dictionary<string, SarifArtifactLocation>? OriginalUriBaseIds { get; set; }

    /// <summary>Always <c>utf16CodeUnits</c> (§3.14.17).</summary>
    public string? ColumnKind { get; set; }

    /// <summary>The AWS CLI exports the run read, with when each was made (§3.14.15); null without exports.</summary>
    public List<SarifArtifact>? Artifacts { get; set; }

    /// <summary>The results, <c>[]</c> when clean (§3.14.23).</summary>
    public List<SarifResult> Results { get; set; } = [];
}
