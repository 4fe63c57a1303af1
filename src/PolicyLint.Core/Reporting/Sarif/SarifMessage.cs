#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>A message (§3.11).</summary>
public sealed class SarifMessage
{
    /// <summary>Plain text.</summary>
    public string? Text { get; set; }

    /// <summary>GitHub-flavoured markdown.</summary>
    public string? Markdown { get; set; }
}
