namespace PolicyLint.Core.Workspace;

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
