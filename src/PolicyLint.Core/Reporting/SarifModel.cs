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

/// <summary>The tool (§3.18).</summary>
public sealed class SarifTool
{
    /// <summary>The driver (§3.18.2).</summary>
    public SarifToolComponent Driver { get; set; } = new();
}

/// <summary>A tool component (§3.19).</summary>
public sealed class SarifToolComponent
{
    /// <summary><c>PolicyLint</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The version (§3.19.13).</summary>
    public string? Version { get; set; }

    /// <summary>The semantic version (§3.19.12).</summary>
    public string? SemanticVersion { get; set; }

    /// <summary>The repository URL (§3.19.17).</summary>
    public string? InformationUri { get; set; }

    /// <summary>Every rule of the catalog in ID order (§3.19.23).</summary>
    public List<SarifReportingDescriptor>? Rules { get; set; }
}

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

/// <summary>reportingConfiguration (§3.50).</summary>
public sealed class SarifConfiguration
{
    /// <summary>Whether the rule is enabled (written only when false).</summary>
    public bool? Enabled { get; set; }

    /// <summary><c>error</c>, <c>warning</c>, <c>note</c> or <c>none</c>.</summary>
    public string? Level { get; set; }
}

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

/// <summary>A message (§3.11).</summary>
public sealed class SarifMessage
{
    /// <summary>Plain text.</summary>
    public string? Text { get; set; }

    /// <summary>GitHub-flavoured markdown.</summary>
    public string? Markdown { get; set; }
}

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

/// <summary>configurationOverride (§3.51).</summary>
public sealed class SarifConfigurationOverride
{
    /// <summary>The effective configuration.</summary>
    public SarifConfiguration Configuration { get; set; } = new();

    /// <summary>The rule it applies to.</summary>
    public SarifDescriptorReference Descriptor { get; set; } = new();
}

/// <summary>reportingDescriptorReference (§3.52).</summary>
public sealed class SarifDescriptorReference
{
    /// <summary>The rule ID.</summary>
    public string? Id { get; set; }

    /// <summary>Index into <c>tool.driver.rules</c>.</summary>
    public int? Index { get; set; }
}

/// <summary>A notification (§3.58).</summary>
public sealed class SarifNotification
{
    /// <summary>Where, when about a file.</summary>
    public List<SarifLocation>? Locations { get; set; }

    /// <summary>What happened.</summary>
    public SarifMessage Message { get; set; } = new();

    /// <summary><c>error</c>, <c>warning</c> or <c>note</c>.</summary>
    public string? Level { get; set; }
}

/// <summary>A result (§3.27).</summary>
public sealed class SarifResult
{
    /// <summary>The rule ID.</summary>
    public string RuleId { get; set; } = string.Empty;

    /// <summary>Index of the rule in <c>tool.driver.rules</c> (absent for a baseline result of a rule that no longer exists).</summary>
    public int? RuleIndex { get; set; }

    /// <summary><c>error</c>, <c>warning</c> or <c>note</c>, always written.</summary>
    public string Level { get; set; } = "warning";

    /// <summary>The message.</summary>
    public SarifMessage Message { get; set; } = new();

    /// <summary>One location.</summary>
    public List<SarifLocation> Locations { get; set; } = [];

    /// <summary>Related locations (docs/conventions.md#c7), or null.</summary>
    public List<SarifLocation>? RelatedLocations { get; set; }

    /// <summary><c>primaryLocationLineHash</c> and <c>policylint/v1</c>.</summary>
    public SortedDictionary<string, string>? PartialFingerprints { get; set; }

    /// <summary>Baseline comparison (§3.27.24): new, unchanged, updated, absent.</summary>
    public string? BaselineState { get; set; }

    /// <summary>In-source suppressions; every result has the array once suppressions are tracked (§3.27.23).</summary>
    public List<SarifSuppression>? Suppressions { get; set; }

    /// <summary>The result's property bag (§3.27.31, §3.8), or null.</summary>
    public SarifResultProperties? Properties { get; set; }
}

/// <summary>A result's property bag.</summary>
public sealed class SarifResultProperties
{
    /// <summary>The samconfig environments whose analysis found the result, when the run analyzed every environment
    /// (<c>--config-env '*'</c>).</summary>
    public List<string>? ConfigEnvironments { get; set; }
}

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

/// <summary>A suppression's property bag.</summary>
public sealed class SarifSuppressionProperties
{
    /// <summary>End of the last day the suppression applies, as UTC date-time.</summary>
    public string? ExpiryUtc { get; set; }
}

/// <summary>A location (§3.28).</summary>
public sealed class SarifLocation
{
    /// <summary>Identifies a related location (§3.28.2).</summary>
    public int? Id { get; set; }

    /// <summary>File and region.</summary>
    public SarifPhysicalLocation? PhysicalLocation { get; set; }

    /// <summary>Resource or ledger entry.</summary>
    public List<SarifLogicalLocation>? LogicalLocations { get; set; }

    /// <summary>What a related location is.</summary>
    public SarifMessage? Message { get; set; }
}

/// <summary>A physical location (§3.29).</summary>
public sealed class SarifPhysicalLocation
{
    /// <summary>The file.</summary>
    public SarifArtifactLocation ArtifactLocation { get; set; } = new();

    /// <summary>The region.</summary>
    public SarifRegion? Region { get; set; }
}

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

/// <summary>A logical location (§3.33).</summary>
public sealed class SarifLogicalLocation
{
    /// <summary>Short name.</summary>
    public string? Name { get; set; }

    /// <summary>Fully qualified name.</summary>
    public string? FullyQualifiedName { get; set; }

    /// <summary><c>resource</c> or <c>object</c>.</summary>
    public string? Kind { get; set; }
}

/// <summary>System.Text.Json source generation for the SARIF model (AOT and trimming safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(SarifLog))]
public sealed partial class SarifJsonContext : JsonSerializerContext;
