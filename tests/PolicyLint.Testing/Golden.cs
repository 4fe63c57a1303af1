using NUnit.Framework;

namespace PolicyLint.Testing;

/// <summary>
/// Golden-file comparison. Run with <c>POLICYLINT_UPDATE_GOLDEN=1</c> to (re)write the files, then review the diff
/// like code.
/// </summary>
public static class Golden
{
    /// <summary>Whether golden files are being updated.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable("POLICYLINT_UPDATE_GOLDEN") == "1";

    /// <summary>Asserts that <paramref name="actual"/> equals the repository file <paramref name="goldenPath"/> byte
    /// for byte (LF line ends), or writes it when updating.</summary>
    public static void AssertMatches(string actual, string goldenPath)
    {
        var full = RepositoryPaths.Get(goldenPath);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, actual);
            return;
        }

        Assert.That(File.Exists(full), Is.True, $"golden file {goldenPath} is missing; run with POLICYLINT_UPDATE_GOLDEN=1");
        var expected = File.ReadAllText(full);
        if (expected != actual)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            var first = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length)).FirstOrDefault(i => expectedLines[i] != actualLines[i], Math.Min(expectedLines.Length, actualLines.Length));
            Assert.Fail($"{goldenPath} differs at line {first + 1}:\n  expected: {(first < expectedLines.Length ? expectedLines[first] : "<end>")}\n  actual:   {(first < actualLines.Length ? actualLines[first] : "<end>")}\n(run with POLICYLINT_UPDATE_GOLDEN=1 to accept)");
        }
    }
}
