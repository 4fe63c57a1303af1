using NUnit.Framework;

namespace PolicyLint.Cli.Tests.Robustness;

/// <summary>The built CLI writes standard output and standard error at the descriptors' own offsets, in order: both
/// redirected to one file, neither overwrites the other; a reader that stops early (<c>| head</c>) is no crash.</summary>
public sealed class StandardStreamsTests
{
    private static CliRun Shell(string script)
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/sh"))
            Assert.Ignore("needs a POSIX shell");
        return ChildProcess.Run("/bin/sh", ["-c", script], new Dictionary<string, string> { ["POLICYLINT"] = ChildProcess.PolicyLint });
    }

    [Test]
    public void OutputAndErrorToOneFile_KeepEveryLine_InOrder()
    {
        using var repository = new Testing.TemporaryRepository();
        var file = Path.Combine(repository.Root, "out.txt");

        var run = Shell($"\"$POLICYLINT\" --today {CliRunner.Today} --parameter Nope=1 samples/inspector-basic > '{file}' 2>&1; echo $?");

        Assert.That(run.Stdout, Is.EqualTo("0\n"));
        Assert.That(File.ReadAllText(file), Is.EqualTo(
            "policylint: warning: --parameter 'Nope': no analyzed template declares a parameter 'Nope', so its value is not used\n" +
            "PolicyLint: 0 errors, 0 warnings, 0 info in 4 files\n"));
    }

    [Test]
    public void AReaderThatStopsEarly_IsNoError_AndTheExitCodeIsTheRunsOwn()
    {
        // SARIF for this sample is far larger than a pipe's buffer, so the writer meets the closed pipe (EPIPE).
        var run = Shell($"(\"$POLICYLINT\" --today {CliRunner.Today} --format sarif samples/inspector-problems; echo \"exit=$?\" >&2) | head -c 1");

        Assert.That(run.Stdout, Is.EqualTo("{"));
        Assert.That(run.Stderr, Is.EqualTo("exit=1\n"), "no exception, and 1 for the sample's errors, as without the pipe");
    }

    [TestCase(">&-", "Bad file descriptor")]
    [TestCase(">/dev/full", "No space left on device")]
    public void AClosedOrFullStandardOutput_IsOneMessage_AndExitCode2(string redirection, string reason)
    {
        if (redirection.Contains("/dev/full", StringComparison.Ordinal) && !File.Exists("/dev/full"))
            Assert.Ignore("needs /dev/full");

        var run = Shell($"\"$POLICYLINT\" --today {CliRunner.Today} samples/inspector-basic {redirection}; echo \"exit=$?\" >&2");

        Assert.That(run.Stderr, Is.EqualTo($"policylint: error: cannot write to standard output: {reason}\nexit=2\n"));
    }

    [Test]
    public void AClosedStandardError_IsNoCrash()
    {
        var run = Shell($"\"$POLICYLINT\" --today {CliRunner.Today} --parameter Nope=1 samples/inspector-basic 2>&-; echo \"exit=$?\"");

        Assert.That(run.Stdout, Is.EqualTo("PolicyLint: 0 errors, 0 warnings, 0 info in 4 files\nexit=0\n"));
    }
}
