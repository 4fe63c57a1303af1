namespace PolicyLint.Core.Workspace;

/// <summary>What a folder entry is, as far as discovery needs to know.</summary>
public enum FileEntryKind
{
    /// <summary>A file, considered by its name: a regular file, a symbolic link to one, or a special file (a FIFO, a
    /// device, a socket): only opening it tells which (<see cref="IFileSource.OpenRead"/>).</summary>
    File,

    /// <summary>A folder, walked.</summary>
    Folder,

    /// <summary>Neither walked nor read: a symbolic link to a folder (no loops), a git submodule.</summary>
    NotWalked,
}

/// <summary>One entry of a folder listing.</summary>
/// <param name="Name">The entry's name (no <c>/</c>).</param>
/// <param name="Kind">What it is.</param>
/// <remarks>A class, not a struct: the listing's <c>List&lt;T&gt;</c> then runs the shared code precompiled in the
/// runtime's ReadyToRun image instead of being JIT-compiled for a value type at every start (issue 15).</remarks>
public sealed record FileSourceEntry(string Name, FileEntryKind Kind);

/// <summary>The path names something that is not a regular file once symbolic links are resolved (a FIFO, a device,
/// a socket, a folder, a link that leaves the tree): PolicyLint never reads it.</summary>
public sealed class NotARegularFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the path names, e.g. "a FIFO (named pipe), not a regular file".</param>
    public NotARegularFileException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception (for serializers; not used by PolicyLint).</summary>
    public NotARegularFileException() : base("Not a regular file")
    {
    }

    /// <summary>Creates the exception (for serializers; not used by PolicyLint).</summary>
    public NotARegularFileException(string message, Exception inner) : base(message, inner)
    {
    }
}

/// <summary>
/// Where the bytes of a run come from: the file system under the root (<see cref="PhysicalFileSource"/>), the git
/// index or a git commit (<see cref="GitFileSource"/>). Discovery, the project loader (templates, samconfig files, the
/// ledger) and the configuration loader read through it and nothing else, so that a run over the git index reads no
/// byte of the working tree. It knows nothing of what a file means (a template, a ledger, an export): front ends decide
/// that from the bytes.
/// </summary>
/// <remarks>Paths are root-relative with <c>/</c> and no <c>.</c> or <c>..</c> segment; <c>""</c> is the root folder.
/// Implementations are safe to call from several threads at once.</remarks>
public interface IFileSource
{
    /// <summary>Where the bytes come from, for messages: <c>the working tree</c>, <c>the git index</c>,
    /// <c>commit 1a2b3c4d</c>.</summary>
    string Description { get; }

    /// <summary>The entries of a folder, in no particular order.</summary>
    /// <param name="folder">Root-relative folder, <c>""</c> for the root.</param>
    /// <exception cref="IOException">The folder cannot be listed (missing, a path too long, an I/O error).</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    IReadOnlyList<FileSourceEntry> List(string folder);

    /// <summary>What a path names: <see cref="FileEntryKind.File"/> (links to files included),
    /// <see cref="FileEntryKind.Folder"/>, or null when nothing is there (or it cannot be told).</summary>
    FileEntryKind? Kind(string path);

    /// <summary>Opens a regular file for reading, symbolic links resolved. Nothing is read yet and opening never blocks
    /// (a FIFO is refused before it is opened for reading). <see cref="Stream.Length"/> is the size the opened file
    /// reports; readers never read more than the limit they apply, whatever it says (<see cref="FileSourceReading"/>).
    /// Dispose the stream before opening another one on the same thread.</summary>
    /// <param name="path">Root-relative file path.</param>
    /// <exception cref="FileNotFoundException">Nothing is there (or a folder on the way is missing).</exception>
    /// <exception cref="NotARegularFileException">It is not a regular file.</exception>
    /// <exception cref="IOException">It cannot be read (an I/O error, a path too long, a link loop).</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    Stream OpenRead(string path);
}

/// <summary>What reading a file within a size limit gave.</summary>
/// <param name="Bytes">The whole content, or null when the file is larger than the limit.</param>
/// <param name="Length">The content's length in bytes, or for a file over the limit the length it reported (at least
/// one more than the limit).</param>
public readonly record struct BoundedRead(byte[]? Bytes, long Length)
{
    /// <summary>Whether the file is larger than the limit (then <see cref="Bytes"/> is null).</summary>
    public bool IsOverLimit => Bytes is null;
}

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
