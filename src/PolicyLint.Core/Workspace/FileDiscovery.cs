namespace PolicyLint.Core.Workspace;

/// <summary>A message about the run itself rather than about the input (SARIF <c>toolExecutionNotifications</c>, or
/// <c>toolConfigurationNotifications</c> when <paramref name="IsConfiguration"/>).</summary>
/// <param name="Level">error, warning or note.</param>
/// <param name="Message">What happened, without a final period.</param>
/// <param name="Path">The root-relative path concerned, or null.</param>
/// <param name="IsToolFailure">Whether the run did not complete (an analyzer threw, or the configuration is invalid):
/// the run is then not successful.</param>
/// <param name="IsConfiguration">Whether it is about how the tool was configured (a command-line value that takes no
/// effect) rather than about executing the run.</param>
public sealed record ToolNotification(string Level, string Message, string? Path = null, bool IsToolFailure = false, bool IsConfiguration = false);

/// <summary>Reads files; a seam so tests can simulate unreadable or vanishing files.</summary>
public interface IFileReader
{
    /// <summary>Reads a whole file.</summary>
    /// <exception cref="IOException">The file cannot be read (deleted, a directory, I/O error).</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    byte[] ReadAllBytes(string fullPath);

    /// <summary>The file's length in bytes.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    long GetLength(string fullPath);

    /// <summary>Reads at most <paramref name="maxBytes"/> bytes from the start of a file (to tell whether a file over
    /// the size limit looks like a template).</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    byte[] ReadPrefix(string fullPath, int maxBytes)
    {
        using var stream = File.OpenRead(fullPath);
        var head = new byte[maxBytes];
        return head[..stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
    }
}

/// <summary>The real file system.</summary>
public sealed class PhysicalFileReader : IFileReader
{
    /// <summary>The shared instance.</summary>
    public static PhysicalFileReader Instance { get; } = new();

    /// <inheritdoc />
    public byte[] ReadAllBytes(string fullPath) => File.ReadAllBytes(fullPath);

    /// <inheritdoc />
    public long GetLength(string fullPath) => new FileInfo(fullPath).Length;
}

/// <summary>
/// Finds candidate files under the root (C3): <c>*.yaml</c>, <c>*.yml</c>, <c>*.json</c>, <c>*.template</c> and <c>samconfig.toml</c>, dot-folders
/// included, except <c>.git/</c>, <c>node_modules/</c>, <c>.aws-sam/</c> and bundled CDK assets <c>cdk.out/asset.*/</c>.
/// Symbolic links to directories are not followed (no loops); files are found whether git tracks them or not.
/// </summary>
public static class FileDiscovery
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json", ".template"];
    private static readonly string[] SkippedDirectories = [".git", "node_modules", ".aws-sam"];

    /// <summary>Whether a file name has an extension PolicyLint reads.</summary>
    public static bool IsCandidateName(string fileName) =>
        Extensions.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase)) ||
        string.Equals(fileName, "samconfig.toml", StringComparison.Ordinal);

    /// <summary>
    /// Lists candidate files as root-relative paths with <c>/</c>, sorted ordinally. Directories that cannot be
    /// listed are reported in <paramref name="notifications"/> and skipped.
    /// </summary>
    /// <param name="root">Absolute root directory.</param>
    /// <param name="isExcluded">Optional extra filter on root-relative paths (configuration <c>exclude</c> globs).</param>
    /// <param name="notifications">Receives problems met while walking.</param>
    /// <param name="isIncluded">Optional extra inclusion of files with other names (configuration <c>include</c> globs).</param>
    public static IReadOnlyList<string> Discover(string root, Func<string, bool>? isExcluded, ICollection<ToolNotification> notifications, Func<string, bool>? isIncluded = null)
    {
        var results = new List<string>();
        // Full and root-relative paths of the directories still to list, pushed in pairs (a stack of strings needs no
        // JIT at start-up; one of tuples does).
        var pending = new Stack<string>();
        pending.Push(root);
        pending.Push(string.Empty);
        var options = new EnumerationOptions
        {
            AttributesToSkip = 0,
            IgnoreInaccessible = false,
            RecurseSubdirectories = false,
            ReturnSpecialDirectories = false,
        };

        while (pending.Count > 0)
        {
            var relative = pending.Pop();
            var full = pending.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                entries = new DirectoryInfo(full).EnumerateFileSystemInfos("*", options).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                notifications.Add(new ToolNotification("warning", $"Cannot list directory: {ex.Message}", relative.Length == 0 ? "." : relative));
                continue;
            }

            foreach (var entry in entries)
            {
                var childRelative = relative.Length == 0 ? entry.Name : $"{relative}/{entry.Name}";
                if (entry is DirectoryInfo directory)
                {
                    if (directory.LinkTarget is not null)
                        continue;
                    if (SkippedDirectories.Contains(entry.Name, StringComparer.Ordinal))
                        continue;
                    if (entry.Name.StartsWith("asset.", StringComparison.Ordinal) && relative.Split('/')[^1] == "cdk.out")
                        continue;
                    pending.Push(entry.FullName);
                    pending.Push(childRelative);
                }
                else if ((IsCandidateName(entry.Name) || isIncluded?.Invoke(childRelative) == true) && isExcluded?.Invoke(childRelative) != true)
                    results.Add(childRelative);
            }
        }

        results.Sort(StringComparer.Ordinal);
        return results;
    }
}
