using PolicyLint.Core.Diagnostics;

namespace PolicyLint.Core.Workspace;

/// <summary>
/// Finds candidate files under the root (docs/conventions.md#c3): <c>*.yaml</c>, <c>*.yml</c>, <c>*.json</c>, <c>*.template</c> and <c>samconfig.toml</c>, dot-folders
/// included, except <c>.git/</c>, <c>node_modules/</c>, <c>.aws-sam/</c> and bundled CDK assets <c>cdk.out/asset.*/</c>.
/// Symbolic links to directories are not followed (no loops); files are found whether git tracks them or not.
/// </summary>
public static class FileDiscovery
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json", ".template"];
    private static readonly string[] SkippedDirectories = [".git", "node_modules", SamBuildFolder];

    /// <summary>The folder <c>sam build</c> writes its output to, never read.</summary>
    private const string SamBuildFolder = ".aws-sam";

    /// <summary>Whether root-relative <paramref name="path"/> is what <c>sam build</c> writes: under a
    /// <c>.aws-sam/build</c> folder, a copy of a template under the root (which is analyzed itself). Nothing under
    /// <c>.aws-sam</c> is discovered; a samconfig's <c>template_file</c> naming such a build output stands for the
    /// folder's own templates.</summary>
    internal static bool IsSamBuildOutput(string path) =>
        path.StartsWith(SamBuildFolder + "/build/", StringComparison.Ordinal) || path.Contains("/" + SamBuildFolder + "/build/", StringComparison.Ordinal);

    /// <summary>Whether a file name has an extension PolicyLint reads.</summary>
    public static bool IsCandidateName(string fileName) =>
        Extensions.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase)) ||
        string.Equals(fileName, "samconfig.toml", StringComparison.Ordinal);

    /// <summary>
    /// Lists candidate files of the working tree under <paramref name="root"/> as root-relative paths with <c>/</c>,
    /// sorted ordinally (<see cref="Discover(IFileSource, Func{string, bool}?, ICollection{ToolNotification}, Func{string, bool}?)"/>
    /// over a <see cref="PhysicalFileSource"/>).
    /// </summary>
    public static IReadOnlyList<string> Discover(string root, Func<string, bool>? isExcluded, ICollection<ToolNotification> notifications, Func<string, bool>? isIncluded = null) =>
        Discover(new PhysicalFileSource(root), isExcluded, notifications, isIncluded);

    /// <summary>
    /// Lists candidate files of <paramref name="source"/> as root-relative paths with <c>/</c>, sorted ordinally.
    /// Folders that cannot be listed (permission denied, a path longer than the system allows) are reported in
    /// <paramref name="notifications"/> and skipped.
    /// </summary>
    /// <param name="source">Where the files are.</param>
    /// <param name="isExcluded">Optional extra filter on root-relative paths (configuration <c>exclude</c> globs).</param>
    /// <param name="notifications">Receives problems met while walking.</param>
    /// <param name="isIncluded">Optional extra inclusion of files with other names (configuration <c>include</c> globs).</param>
    public static IReadOnlyList<string> Discover(IFileSource source, Func<string, bool>? isExcluded, ICollection<ToolNotification> notifications, Func<string, bool>? isIncluded = null)
    {
        var results = new List<string>();
        // An explicit stack, not recursion: a tree as deep as the file system allows never overflows the call stack.
        var pending = new Stack<string>();
        pending.Push(string.Empty);
        while (pending.Count > 0)
        {
            var relative = pending.Pop();
            IReadOnlyList<FileSourceEntry> entries;
            try
            {
                entries = source.List(relative);
            }
            catch (Exception ex) when (FileSourceReading.IsReadFailure(ex))
            {
                // A folder whose name is not valid UTF-8 is listed by its parent with U+FFFD for the invalid bytes and
                // cannot be opened by that name: what it holds is unknown, so it stays a path the run reads and reports
                // (PL0001), not a folder passed over with a warning (a third new-user trial's d\xfe/ passed CI).
                if (FileSourceReading.IsUndecodableName(relative, ex) && isExcluded?.Invoke(relative) != true)
                {
                    results.Add(relative);
                    continue;
                }

                notifications.Add(new ToolNotification("warning", $"Cannot list directory: {ex.Message}", relative.Length == 0 ? "." : relative));
                continue;
            }

            foreach (var entry in entries)
            {
                var childRelative = relative.Length == 0 ? entry.Name : $"{relative}/{entry.Name}";
                switch (entry.Kind)
                {
                    case FileEntryKind.NotWalked:
                        continue;
                    case FileEntryKind.Folder:
                        if (SkippedDirectories.Contains(entry.Name, StringComparer.Ordinal))
                            continue;
                        if (entry.Name.StartsWith("asset.", StringComparison.Ordinal) && relative.Split('/')[^1] == "cdk.out")
                            continue;
                        pending.Push(childRelative);
                        break;
                    default:
                        if ((IsCandidateName(entry.Name) || isIncluded?.Invoke(childRelative) == true) && isExcluded?.Invoke(childRelative) != true)
                            results.Add(childRelative);
                        break;
                }
            }
        }

        results.Sort(StringComparer.Ordinal);
        return results;
    }
}
