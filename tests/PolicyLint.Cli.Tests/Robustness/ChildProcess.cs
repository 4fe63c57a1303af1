using System.Diagnostics;

namespace PolicyLint.Cli.Tests.Robustness;

/// <summary>Runs the built <c>policylint</c> executable (copied next to the tests) as a child process, for what an
/// in-process run cannot show faithfully: the process environment (culture, time zone) and namespaces (no network).</summary>
internal static class ChildProcess
{
    public static string PolicyLint => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "policylint.exe" : "policylint");

    public static CliRun Run(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Testing.RepositoryPaths.Root,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in 120 s");
        }

        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }
}
