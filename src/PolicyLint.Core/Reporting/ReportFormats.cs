namespace PolicyLint.Core.Reporting;

/// <summary>
/// The registration table of the output formats: the one list that <c>--format</c>, <c>--report</c>, its help text
/// and the golden tests read. A new format is a reporter (<see cref="IReporter"/>) and a row here.
/// </summary>
public static class ReportFormats
{
    /// <summary>Every format, the default (<c>text</c>) first, in the order <c>--help</c> lists them.</summary>
    public static IReadOnlyList<ReportFormat> All { get; } =
    [
        new("text", "txt", "compiler-style lines", new TextReporter()) { Colors = true },
        new("gnu", "gnu", "path:line:col: lines for Emacs and Vim", new GnuReporter()),
        new("github", "github", "GitHub Actions annotations", new GitHubReporter()),
        new("markdown", "md", "a summary table", new MarkdownReporter()),
        new("sarif", "sarif", "SARIF 2.1.0", new SarifReporter()),
        new("json", "json", null, new JsonReporter()),
    ];

    /// <summary>Every format name, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    /// <summary>The format named <paramref name="name"/> (exact, case-sensitive), or null.</summary>
    public static ReportFormat? Find(string name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
}
