#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>A region (§3.30): 1-based lines and columns, end column exclusive.</summary>
public sealed class SarifRegion
{
    /// <summary>First line.</summary>
    public int StartLine { get; set; }

    /// <summary>First column.</summary>
    public int StartColumn { get; set; }

    /// <summary>Last line.</summary>
    public int EndLine { get; set; }

    /// <summary>Column just past the end.</summary>
    public int EndColumn { get; set; }
}
