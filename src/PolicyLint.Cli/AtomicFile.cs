namespace PolicyLint.Cli;

/// <summary>Writes output files so that a failed run never leaves a truncated file over an old one.</summary>
internal static class AtomicFile
{
    /// <summary>Writes to a temporary file beside <paramref name="path"/>, then renames it over the target.</summary>
    /// <exception cref="IOException">The directory does not exist or the file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
