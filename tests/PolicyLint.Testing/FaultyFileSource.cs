using PolicyLint.Core.Workspace;

namespace PolicyLint.Testing;

/// <summary>The working tree under a root, except that <see cref="IFileSource.OpenRead"/> first asks
/// <c>onOpen</c>, which may act (delete the file) or return an exception to throw: tests run as root, where permissions
/// do not stop reads.</summary>
/// <param name="root">Absolute root folder.</param>
/// <param name="onOpen">Called with the root-relative path of every file opened; an exception it returns is thrown.</param>
public sealed class FaultyFileSource(string root, Func<string, Exception?> onOpen) : IFileSource
{
    private readonly PhysicalFileSource _inner = new(root);

    /// <summary>A source whose files named in <paramref name="failures"/> (root-relative) throw the given exception.</summary>
    public FaultyFileSource(string root, IReadOnlyDictionary<string, Exception> failures)
        : this(root, path => failures.TryGetValue(path, out var exception) ? exception : null)
    {
    }

    /// <summary>How many files were opened.</summary>
    public int OpenCount => _openCount;

    private int _openCount;

    /// <inheritdoc />
    public string Description => _inner.Description;

    /// <inheritdoc />
    public IReadOnlyList<FileSourceEntry> List(string folder) => _inner.List(folder);

    /// <inheritdoc />
    public FileEntryKind? Kind(string path) => _inner.Kind(path);

    /// <inheritdoc />
    public Stream OpenRead(string path)
    {
        Interlocked.Increment(ref _openCount);
        return onOpen(path) is { } exception ? throw exception : _inner.OpenRead(path);
    }
}
