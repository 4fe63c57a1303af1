using System.Diagnostics;
using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Integration;

/// <summary>
/// Runs the real clients of an integration (pre-commit, the SARIF Multitool). A test whose tool is absent is skipped
/// and says which tool and how to get it; with <c>POLICYLINT_REQUIRE_TOOLS=1</c> (set by <c>.ci/run</c>, which
/// installs them) it fails instead, so CI never passes by skipping.
/// </summary>
internal static class ExternalTool
{
    /// <summary>The full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Skips the test (or fails it when tools are required) because <paramref name="reason"/>.</summary>
    public static void Missing(string reason)
    {
        if (Environment.GetEnvironmentVariable("POLICYLINT_REQUIRE_TOOLS") == "1")
            Assert.Fail($"{reason} (POLICYLINT_REQUIRE_TOOLS=1: .ci/run installs it)");
        Assert.Ignore(reason);
    }

    /// <summary>Runs a program to its end and returns its exit code and its standard output and error, interleaved
    /// as they arrive. MSBuild's variables of the test host are removed, so a <c>dotnet</c> the program starts
    /// builds as from a shell; it leaves no build server behind.</summary>
    public static (int ExitCode, string Output) Run(string fileName, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(fileName, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.Ordinal)
                || key.StartsWith("TESTINGPLATFORM", StringComparison.Ordinal) || key == "DOTNET_HOST_PATH")
                start.Environment.Remove(key);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        using var process = new Process { StartInfo = start };
        var output = new System.Text.StringBuilder();
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.Append(e.Data).Append('\n'); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        lock (gate)
            return (process.ExitCode, output.ToString());
    }

    /// <summary>Runs git with a fixed identity; fails the test when git fails.</summary>
    public static string Git(string workingDirectory, params string[] args)
    {
        var (exitCode, output) = Run("git", workingDirectory, null, ["-c", "user.name=PolicyLint tests", "-c", "user.email=tests@policylint.invalid", "-c", "commit.gpgsign=false", .. args]);
        Assert.That(exitCode, Is.Zero, $"git {string.Join(' ', args)}:\n{output}");
        return output;
    }

    /// <summary>A new git repository holding <paramref name="files"/> (root-relative paths under
    /// <paramref name="source"/>) in one commit.</summary>
    public static TemporaryRepository CommittedCopy(string source, IEnumerable<string> files, Func<string, byte[], byte[]>? transform = null)
    {
        var repository = new TemporaryRepository();
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(source, file));
            repository.WriteBytes(file, transform is null ? bytes : transform(file, bytes));
        }

        Git(repository.Root, "init", "-q");
        Git(repository.Root, "add", "-A");
        Git(repository.Root, "commit", "-q", "-m", "snapshot");
        return repository;
    }

    /// <summary>The files of a folder as git would commit them: tracked and untracked but not ignored (what a clone
    /// of the working tree's state holds); the whole tree but build output when the folder is not a git work tree.</summary>
    public static IReadOnlyList<string> WorkingTreeFiles(string root)
    {
        var (exitCode, output) = Run("git", root, null, "ls-files", "--cached", "--others", "--exclude-standard");
        if (exitCode == 0)
            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(root, f)))];

        string[] skipped = [".git", "bin", "obj", "TestResults", "node_modules", "artifacts"];
        return [.. Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.Split('/').Any(part => skipped.Contains(part)) && !f.StartsWith(".ci/out/", StringComparison.Ordinal))];
    }
}
