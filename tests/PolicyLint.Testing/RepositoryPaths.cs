namespace PolicyLint.Testing;

/// <summary>Finds files of this repository from a test (tests read only files inside the repository).</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PolicyLint.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("PolicyLint.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (the folder holding PolicyLint.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary>A path under the repository root, from '/'-separated parts.</summary>
    public static string Get(params string[] parts) => Path.Combine([Root, .. parts.SelectMany(p => p.Split('/'))]);
}
