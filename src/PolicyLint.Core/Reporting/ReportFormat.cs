namespace PolicyLint.Core.Reporting;

/// <summary>One output format: its name on the command line, its file extension, what <c>--help</c> says of it,
/// and its reporter.</summary>
/// <param name="Name">The <c>--format</c> and <c>--report FORMAT=FILE</c> value, e.g. <c>gnu</c>.</param>
/// <param name="Extension">The usual file extension without the dot (<c>txt</c>, <c>sarif</c>); the golden files of the
/// samples are <c>expected.&lt;Extension&gt;</c>.</param>
/// <param name="Description">What the format is, for the <c>--format</c> help, e.g. <c>gnu (path:line:col: lines for
/// Emacs and Vim)</c> without the name; null when the name says it all (<c>json</c>).</param>
/// <param name="Reporter">The writer.</param>
public sealed record ReportFormat(string Name, string Extension, string? Description, IReporter Reporter)
{
    /// <summary>Whether the format can colour its output for a terminal (<see cref="ReportSettings.Color"/>); a format that
    /// cannot writes the same bytes to a terminal and to a file.</summary>
    public bool Colors { get; init; }
}
