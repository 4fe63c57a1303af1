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
