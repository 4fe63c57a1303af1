using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Reporting;

/// <summary>Identity of the tool as written in reports.</summary>
/// <param name="Version">The semantic version, e.g. <c>0.1.0</c>.</param>
/// <param name="InformationUri">The repository URL.</param>
public sealed record ToolInfo(string Version, string InformationUri)
{
    /// <summary>The tool name.</summary>
    public const string Name = "PolicyLint";

    /// <summary>This assembly's version and the configured repository URL.</summary>
    public static ToolInfo Current { get; } = new(CurrentVersion(), DiagnosticDescriptor.InformationUri);

    /// <summary>The full SHA of the commit this build was made from (<c>git rev-parse HEAD</c> at build time, or the
    /// build's <c>SourceRevisionId</c> property), or null when the build could not tell (no git, no <c>.git</c>).</summary>
    public static string? SourceRevision { get; } = ThisAssembly.SourceRevision.Length == 0 ? null : ThisAssembly.SourceRevision;

    /// <summary>What <c>policylint --version</c> prints: the version and, when known, the commit it was built from as
    /// SemVer build metadata (<c>0.1.0+3f2c…</c>, https://semver.org/#spec-item-10).</summary>
    public static string DisplayVersion => SourceRevision is null ? Current.Version : $"{Current.Version}+{SourceRevision}";

    private static string CurrentVersion()
    {
        // InformationalVersion, compiled in as a constant (no attribute reflection at start-up).
        var informational = ThisAssembly.InformationalVersion;
        return informational.Length == 0 ? "0.0.0" : informational.Split('+')[0];
    }
}
