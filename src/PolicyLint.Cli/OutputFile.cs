namespace PolicyLint.Cli;

/// <summary>
/// Writes an output file (a report, the ledger that <c>ledger add</c> edits) so that nothing the user has is lost:
/// <list type="bullet">
/// <item>a regular file, or a missing one, is written to a new file beside it and renamed over it, so a run that fails
/// never leaves a truncated file over an old one; the new file gets the old one's permission bits and, where the system
/// allows it, its owner and group; no temporary file is left behind, whatever fails;</item>
/// <item>a symbolic link is followed: the file it finally points to is replaced (or created), the link stays;</item>
/// <item>anything else (a character device such as <c>/dev/null</c> or a terminal, a FIFO, <c>/dev/stdout</c> and the
/// pipe or terminal it stands for, a socket) is written through, never replaced by a regular file;</item>
/// <item>a folder is refused.</item>
/// </list>
/// </summary>
internal static class OutputFile
{
    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, as the class describes.</summary>
    /// <exception cref="IOException">The path is a folder, its folder does not exist, or the file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var status = UnixFile.Stat(full);
        if (status is { IsDirectory: true } || (status is null && Directory.Exists(full)))
            throw new IOException("it is a folder");
        if (status is { IsRegularFile: false })
        {
            // Opened by its own path, which the kernel follows to the device or pipe (/dev/stdout → /proc/self/fd/1 → pipe).
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
            write(stream);
            stream.Flush();
            return;
        }

        Replace(FinalTarget(full), status, write);
    }

    /// <summary>The path a chain of symbolic links ends at (a file that may not exist yet), or <paramref name="full"/>
    /// when it is no link.</summary>
    public static string FinalTarget(string full) =>
        UnixFile.LStat(full) is { IsSymbolicLink: true } && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target
            ? Path.GetFullPath(target.FullName)
            : full;

    /// <summary>Writes a new file beside <paramref name="target"/> and renames it over it; <paramref name="existing"/>
    /// is the old file's status, whose permission bits, owner and group the new file takes.</summary>
    public static void Replace(string target, UnixFileStatus? existing, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(target) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                if (existing is { } old && !OperatingSystem.IsWindows())
                {
                    // Owner first: chown may clear permission bits that chmod then sets.
                    UnixFile.TryChown(stream.SafeFileHandle, old);
                    File.SetUnixFileMode(stream.SafeFileHandle, (UnixFileMode)(old.Permissions & 0x1FF));
                }

                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
