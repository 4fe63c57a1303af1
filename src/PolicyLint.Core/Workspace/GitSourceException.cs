namespace PolicyLint.Core.Workspace;

/// <summary>A git source could not be opened: not a git work tree, an unknown revision, an unmerged index. The command
/// line reports it as a usage error (exit code 2).</summary>
public sealed class GitSourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GitSourceException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception (for serializers; not used by PolicyLint).</summary>
    public GitSourceException() : base("git source unavailable")
    {
    }

    /// <summary>Creates the exception (for serializers; not used by PolicyLint).</summary>
    public GitSourceException(string message, Exception inner) : base(message, inner)
    {
    }
}
