namespace PolicyLint.Core.Reporting;

/// <summary>What the command line asks of a reporter besides the run; each reporter reads the settings that concern
/// it and ignores the others.</summary>
public sealed record ReportSettings
{
    /// <summary>The SARIF writer's options (tool identity, rule pages, baseline states, <c>--omit-suppressed</c>); the
    /// JSON reporter reads its <see cref="SarifOptions.Tool"/>.</summary>
    public SarifOptions Sarif { get; init; } = new();

    /// <summary><c>--show-suppressed</c>: the line formats (text, gnu, github, markdown) list suppressed results too,
    /// marked with their justification. SARIF and JSON always carry them.</summary>
    public bool ShowSuppressed { get; init; }

    /// <summary>Colour the severity words with ANSI sequences (text only; the caller decides: a terminal without
    /// <c>NO_COLOR</c> or <c>--no-color</c>).</summary>
    public bool Color { get; init; }

    /// <summary><c>--markdown-link-base</c>: an absolute URL the markdown format's locations are linked under; null for
    /// links relative to the root.</summary>
    public string? MarkdownLinkBase { get; init; }

    /// <summary><c>--path-prefix</c>: a relative folder path with <c>/</c> and a final <c>/</c> (<c>app/</c>), written
    /// before every root-relative path of every format, so that a path names the repository's file when the root is a
    /// folder of the repository (GitHub resolves annotations and SARIF URIs against the repository root); empty for
    /// none. Absolute paths (an AWS CLI export outside the root) are written as they are. The caller validates it.</summary>
    public string PathPrefix { get; init; } = string.Empty;

    /// <summary><paramref name="path"/> (root-relative with <c>/</c>, or absolute) as the reports write it: after
    /// <see cref="PathPrefix"/> unless it is absolute.</summary>
    internal static string Prefixed(string prefix, string path) =>
        prefix.Length == 0 || path.StartsWith('/') ? path : prefix + path;
}
