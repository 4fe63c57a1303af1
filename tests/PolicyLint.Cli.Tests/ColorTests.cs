using NUnit.Framework;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary>Colour on a terminal: severity words in the text output, only when standard output is a terminal, not
/// with --no-color, not when NO_COLOR is set to a non-empty value (no-color.org); never in files or other formats.</summary>
public sealed class ColorTests
{
    private const string Escape = "\u001b[";
    private static readonly string Problems = CliRunner.Samples("inspector-problems");

    private static CliRun Run(bool terminal, IReadOnlyDictionary<string, string>? variables, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var environment = new CliEnvironment(terminal, name => variables?.GetValueOrDefault(name));
        var exitCode = CliApp.Run(["--today", CliRunner.Today, .. args], stdout, stderr, RepositoryPaths.Root, environment);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    [Test]
    public void OnATerminal_SeverityWordsAreColoured_AndNothingElseChanges()
    {
        var plain = CliRunner.Lint(Problems);
        var colored = Run(terminal: true, null, Problems);

        Assert.That(colored.Stdout, Does.Contain("services/orders/template.yaml(14,9): \u001b[1;31merror\u001b[0m PL1001: "));
        Assert.That(colored.Stdout, Does.Contain(": \u001b[33mwarning\u001b[0m PL4001: ").And.Contain(": \u001b[36minfo\u001b[0m PL2003: "));
        Assert.That(colored.Stdout.Replace("\u001b[1;31m", "").Replace("\u001b[33m", "").Replace("\u001b[36m", "").Replace("\u001b[0m", ""), Is.EqualTo(plain.Stdout));
        Assert.That(colored.Stdout.Split('\n')[^2], Does.Not.Contain(Escape), "the summary line");
        Assert.That(colored.ExitCode, Is.EqualTo(plain.ExitCode));
    }

    [Test]
    public void NoColorFlag_TurnsItOff()
    {
        Assert.That(Run(terminal: true, null, "--no-color", Problems).Stdout, Is.EqualTo(CliRunner.Lint(Problems).Stdout));
    }

    [TestCase("1")]
    [TestCase("0")]
    [TestCase("false")]
    public void NoColorVariable_WithAnyValue_TurnsItOff(string value)
    {
        Assert.That(Run(terminal: true, new Dictionary<string, string> { ["NO_COLOR"] = value }, Problems).Stdout, Does.Not.Contain(Escape));
    }

    [Test]
    public void NoColorVariable_SetToEmpty_DoesNot()
    {
        Assert.That(Run(terminal: true, new Dictionary<string, string> { ["NO_COLOR"] = "" }, Problems).Stdout, Does.Contain(Escape));
    }

    [Test]
    public void NotATerminal_NoColour()
    {
        Assert.That(Run(terminal: false, null, Problems).Stdout, Does.Not.Contain(Escape));
    }

    [TestCase("gnu")]
    [TestCase("github")]
    [TestCase("markdown")]
    [TestCase("sarif")]
    [TestCase("json")]
    public void OtherFormats_OnATerminal_NoColour(string format)
    {
        Assert.That(Run(terminal: true, null, "--format", format, Problems).Stdout, Does.Not.Contain(Escape));
    }

    [Test]
    public void OutputFile_OnATerminal_NoColour()
    {
        using var directory = new TemporaryRepository();
        var path = Path.Combine(directory.Root, "report.txt");

        var run = Run(terminal: true, null, "--output", path, Problems);

        Assert.That(run.Stdout, Is.Empty);
        Assert.That(File.ReadAllText(path), Is.EqualTo(CliRunner.Lint(Problems).Stdout));
    }
}
