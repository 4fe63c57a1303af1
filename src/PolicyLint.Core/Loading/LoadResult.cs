using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Loading;

/// <summary>The loaded project and what loading reported.</summary>
/// <param name="Project">The project model.</param>
/// <param name="Diagnostics">PL0001 for files that look like templates but cannot be read, for samconfig files and for
/// the ledger.</param>
/// <param name="Notifications">Problems with the run (unreadable directories and files).</param>
/// <param name="FileCount">Files that contributed: template files (broken ones included), the samconfig files read (docs/conventions.md#c21)
/// and the ledger if present.</param>
public sealed record LoadResult(ProjectModel Project, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<ToolNotification> Notifications, int FileCount)
{
    /// <summary>Template files found, broken ones included (0: the run analyzed no template).</summary>
    public int TemplateFileCount { get; init; }

    /// <summary>Candidate files whose syntax tree was built; the others were ruled out by their text alone
    /// (<see cref="ProjectLoader.CanBeTemplate"/>) or could not be read.</summary>
    public int ParsedFileCount { get; init; }

    /// <summary>Root-relative paths of every file the load read as an input or would read: each file discovery found
    /// (templates, samconfig files, AWS CLI exports under the root, files it could not read or left out at the file
    /// limit), except YAML and JSON that was read and found to be no template (ruled out by its bytes or text, such as
    /// an earlier run's <c>--format json</c> report), and the ledger, present or not. An output of the run must be none
    /// of them.</summary>
    public IReadOnlyList<string> InputPaths { get; init; } = [];
}
