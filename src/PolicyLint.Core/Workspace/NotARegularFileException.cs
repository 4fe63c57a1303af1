namespace PolicyLint.Core.Workspace;

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
