#pragma warning disable CA1056 // SARIF URIs are strings in the format
#pragma warning disable CA2227 // a serialization model
namespace PolicyLint.Core.Reporting.Sarif;

// A focused SARIF 2.1.0 object model: only what PolicyLint writes and reads back (baselines). Section numbers refer
// to the OASIS SARIF 2.1.0 specification (errata 01). Property order is the order written.

/// <summary>An invocation (§3.20).</summary>
public sealed class SarifInvocation
{
    /// <summary>Severity overrides in effect (§3.20.5).</summary>
    public List<SarifConfigurationOverride>? RuleConfigurationOverrides { get; set; }

    /// <summary>Problems with the run (§3.20.21).</summary>
    public List<SarifNotification>? ToolExecutionNotifications { get; set; }

    /// <summary>Problems with the tool's configuration (§3.20.22).</summary>
    public List<SarifNotification>? ToolConfigurationNotifications { get; set; }

    /// <summary>False only when PolicyLint itself failed (§3.20.14).</summary>
    public bool ExecutionSuccessful { get; set; }
}
