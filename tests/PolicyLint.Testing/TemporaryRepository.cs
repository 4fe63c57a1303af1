using System.Text;

namespace PolicyLint.Testing;

/// <summary>A throw-away repository directory for a test; deleted on dispose.</summary>
public sealed class TemporaryRepository : IDisposable
{
    /// <summary>Creates an empty directory under the system temporary folder.</summary>
    public TemporaryRepository()
    {
        Root = Path.Combine(Path.GetTempPath(), "policylint-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    /// <summary>Absolute path of the repository root.</summary>
    public string Root { get; }

    /// <summary>Writes a file (UTF-8 without BOM; the text is written exactly, line ends included).</summary>
    public string Write(string relativePath, string text) => WriteBytes(relativePath, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes a file's bytes.</summary>
    public string WriteBytes(string relativePath, byte[] bytes)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    /// <summary>Reads a file back.</summary>
    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    /// <summary>Copies a directory tree into the repository.</summary>
    public void CopyFrom(string sourceDirectory)
    {
        foreach (var file in Directory.EnumerateFiles(sourceDirectory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(sourceDirectory, file);
            WriteBytes(relative, File.ReadAllBytes(file));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: the OS cleans the temporary folder
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
