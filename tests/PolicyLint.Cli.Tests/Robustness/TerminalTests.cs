using NUnit.Framework;
using PolicyLint.Core.Reporting;

namespace PolicyLint.Cli.Tests.Robustness;

/// <summary>On a terminal PolicyLint writes only its output: no escape sequence before it (.NET's console switches the
/// terminal into keypad transmit mode, <c>ESC[?1h ESC=</c>, on its first write), and no colour with
/// <c>--no-color</c>. The built executable runs under <c>script</c> (util-linux), which gives it a pseudo-terminal.</summary>
[NonParallelizable]
public sealed class TerminalTests
{
    private static readonly string[] TerminfoFolders = ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo"];

    /// <summary>Runs the built CLI on a pseudo-terminal with <c>TERM=xterm</c>, whose terminfo entry has keypad_xmit.</summary>
    private static CliRun OnATerminal(params string[] args)
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("needs util-linux 'script' (Linux)");
        if (!File.Exists("/usr/bin/script") && !File.Exists("/bin/script"))
            Assert.Ignore("needs 'script' (util-linux) to give the CLI a pseudo-terminal; it is not installed");
        if (!TerminfoFolders.Any(f => File.Exists(Path.Combine(f, "x", "xterm"))))
            Assert.Ignore("needs the terminfo entry 'xterm' (ncurses-base), without which .NET writes no terminal mode sequence to look for");

        var command = string.Join(' ', new[] { ChildProcess.PolicyLint }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        return ChildProcess.Run("script", ["--quiet", "--return", "--command", command, "/dev/null"],
            new Dictionary<string, string> { ["TERM"] = "xterm", ["NO_COLOR"] = "" });
    }

    [Test]
    public void Version_IsAllThatIsWritten()
    {
        var run = OnATerminal("--version");

        Assert.That(run.Stdout, Is.EqualTo(ToolInfo.DisplayVersion + "\r\n"), "the pseudo-terminal turns \\n into \\r\\n; nothing else may come");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void LintWithNoColor_WritesNoEscapeSequence_AndWarningsKeepTheirPlaceBeforeTheResults()
    {
        var run = OnATerminal("--today", CliRunner.Today, "--no-color", "--parameter", "Nope=1", CliRunner.Samples("inspector-basic"));

        Assert.That(run.Stdout, Does.Not.Contain("\u001b"));
        Assert.That(run.Stdout, Does.StartWith("policylint: warning: --parameter 'Nope': "));
        Assert.That(run.Stdout, Does.EndWith("PolicyLint: 0 errors, 0 warnings, 0 info in 4 files\r\n"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public void Help_WritesNoEscapeSequence()
    {
        var run = OnATerminal("--help");

        Assert.That(run.Stdout, Does.StartWith("Description:\r\n"));
        Assert.That(run.Stdout, Does.Not.Contain("\u001b"));
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success));
    }
}
