#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>A rule (reportingDescriptor, §3.49).</summary>
public sealed class SarifReportingDescriptor
{
    /// <summary>The rule ID.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>PascalCase name.</summary>
    public string? Name { get; set; }

    /// <summary>The title.</summary>
    public SarifMessage? ShortDescription { get; set; }

    /// <summary>The description.</summary>
    public SarifMessage? FullDescription { get; set; }

    /// <summary>The rule's page.</summary>
    public string? HelpUri { get; set; }

    /// <summary>The page as text and markdown.</summary>
    public SarifMessage? Help { get; set; }

    /// <summary>The default level (§3.49.14).</summary>
    public SarifConfiguration? DefaultConfiguration { get; set; }

    /// <summary>tags, precision, security-severity.</summary>
    public SarifRuleProperties? Properties { get; set; }
}
