using System.Text.Json.Serialization;

#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>A rule's property bag as GitHub code scanning reads it.</summary>
public sealed class SarifRuleProperties
{
    /// <summary><c>security</c> and the category.</summary>
    public List<string>? Tags { get; set; }

    /// <summary><c>very-high</c>, <c>high</c>, <c>medium</c>.</summary>
    public string? Precision { get; set; }

    /// <summary>0.1–10.0 as a string.</summary>
    [JsonPropertyName("security-severity")]
    public string? SecuritySeverity { get; set; }
}
