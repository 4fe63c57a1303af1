namespace PolicyLint.Cli;

/// <summary>Which file a path names, so that two paths can be compared as files rather than as text.</summary>
internal static class FileIdentity
{
    /// <summary>
    /// The identity of the file <paramref name="full"/> (an absolute path) names: its device and inode when it exists
    /// (symbolic links followed, so a link, a path through <c>..</c> or another hard link of the same file give the
    /// same identity); for a file that does not exist yet, the device and inode of the folder its final link target
    /// would be created in, and its name; where the system gives no inode (Windows) or the folder does not exist,
    /// the full path (ignoring case on Windows).
    /// </summary>
    public static string Of(string full)
    {
        if (UnixFile.Stat(full) is { } file)
            return $"{file.Device}:{file.Inode}";
        var target = OutputFile.FinalTarget(full);
        if (Path.GetDirectoryName(target) is { } folder && UnixFile.Stat(folder) is { } parent)
            return $"{parent.Device}:{parent.Inode}/{Path.GetFileName(target)}";
        return OperatingSystem.IsWindows() ? target.ToUpperInvariant() : target;
    }
}
