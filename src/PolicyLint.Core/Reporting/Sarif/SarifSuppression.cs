#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>A suppression (§3.35).</summary>
public sealed class SarifSuppression
{
    /// <summary><c>inSource</c>.</summary>
    public string Kind { get; set; } = "inSource";

    /// <summary><c>accepted</c>.</summary>
    public string? Status { get; set; }

    /// <summary>Why.</summary>
    public string? Justification { get; set; }

    /// <summary>Where the suppression is written.</summary>
    public SarifLocation? Location { get; set; }

    /// <summary><c>expiryUtc</c>, when the suppression expires.</summary>
    public SarifSuppressionProperties? Properties { get; set; }
}
