using System.Text.Json.Serialization;

#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>The root object (§3.13).</summary>
public sealed class SarifLog
{
    /// <summary>The schema URI (§3.13.3).</summary>
    [JsonPropertyName("$schema")]
    public string Schema { get; set; } = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /// <summary>Always <c>2.1.0</c> (§3.13.2).</summary>
    public string Version { get; set; } = "2.1.0";

    /// <summary>The runs; PolicyLint writes exactly one (§3.13.4).</summary>
    public List<SarifRun> Runs { get; set; } = [];
}
