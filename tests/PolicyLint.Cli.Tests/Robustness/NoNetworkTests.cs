using NUnit.Framework;

namespace PolicyLint.Cli.Tests.Robustness;

/// <summary>PolicyLint is offline: the CLI gives the same result in a network namespace with no interface up.</summary>
public sealed class NoNetworkTests
{
    [Test]
    public void Cli_WithoutNetwork_GivesTheSameSarif()
    {
        var probe = TryRun("unshare", ["-n", "true"]);
        if (probe is null || probe.ExitCode != 0)
            Assert.Ignore($"needs 'unshare -n' (util-linux) with the right to create a network namespace: {(probe is null ? "unshare is not installed" : probe.Stderr.Trim())}");

        string[] args = ["--today", CliRunner.Today, "--format", "sarif", CliRunner.Samples("inspector-problems")];
        var offline = ChildProcess.Run("unshare", ["-n", ChildProcess.PolicyLint, .. args]);
        var inProcess = CliRunner.Run(Testing.RepositoryPaths.Root, args);

        Assert.That(offline.Stderr, Is.Empty);
        Assert.That(offline.ExitCode, Is.EqualTo(inProcess.ExitCode));
        Assert.That(offline.Stdout, Is.EqualTo(inProcess.Stdout));
    }

    private static CliRun? TryRun(string fileName, string[] args)
    {
        try
        {
            return ChildProcess.Run(fileName, args);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
