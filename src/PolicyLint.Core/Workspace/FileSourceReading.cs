namespace PolicyLint.Core.Workspace;

/// <summary>Reading through an <see cref="IFileSource"/> with the size limit applied before the content is held in
/// memory (docs/conventions.md#c16).</summary>
public static class FileSourceReading
{
    /// <summary>The size of the chunks a file over the limit is streamed in.</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>Whether an exception is a failure to read a file (as opposed to a bug): the exceptions
    /// <see cref="IFileSource"/> documents.</summary>
    public static bool IsReadFailure(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or System.Security.SecurityException;

    /// <summary>Whether <paramref name="exception"/> says that <paramref name="path"/>, as listed, does not exist because
    /// its name is not valid UTF-8: a listing shows the invalid bytes as U+FFFD, and no file or folder has that name.</summary>
    internal static bool IsUndecodableName(string path, Exception exception) =>
        exception is FileNotFoundException or DirectoryNotFoundException && path.Contains('\uFFFD', StringComparison.Ordinal);

    /// <summary>Reads a file whole when it holds at most <paramref name="maxBytes"/> bytes. The length the opened file
    /// reports decides first; then at most <paramref name="maxBytes"/> + 1 bytes are read whatever it said (a file that
    /// grows while it is read, or a length that lies, is still over the limit and never fills memory).</summary>
    /// <exception cref="FileNotFoundException">As <see cref="IFileSource.OpenRead"/>, and its other exceptions.</exception>
    public static BoundedRead Read(IFileSource source, string path, long maxBytes)
    {
        using var stream = source.OpenRead(path);
        var reported = stream.Length;
        if (reported > maxBytes)
            return new BoundedRead(null, reported);
        var buffer = new byte[(int)Math.Min(Math.Max(reported, 0), maxBytes)];
        var count = 0;
        Span<byte> probe = stackalloc byte[1];
        while (true)
        {
            if (count == buffer.Length)
            {
                // Full as reported: one more byte says whether the file is longer than it said.
                if (stream.Read(probe) == 0)
                    return new BoundedRead(buffer, count);
                if (count + 1 > maxBytes)
                    return new BoundedRead(null, maxBytes + 1);
                Array.Resize(ref buffer, (int)Math.Min(maxBytes, Math.Max(buffer.Length * 2L, buffer.Length + (long)ChunkBytes)));
                buffer[count++] = probe[0];
                continue;
            }

            var read = stream.Read(buffer, count, buffer.Length - count);
            if (read == 0)
                return new BoundedRead(buffer[..count], count); // shorter than it said
            count += read;
        }
    }
}
