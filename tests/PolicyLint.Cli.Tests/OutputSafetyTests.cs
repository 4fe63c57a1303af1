using System.Diagnostics;
using System.Runtime.Versioning;
using NUnit.Framework;
using PolicyLint.Cli.Tests.Robustness;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary>Output files never replace an input of the run, are never named twice, are written through special files
/// instead of replacing them, and one run writes several formats (<c>--report FORMAT=FILE</c>).</summary>
[UnsupportedOSPlatform("windows")]
public sealed class OutputSafetyTests
{
    private static TemporaryRepository Repository()
    {
        var repository = new TemporaryRepository();
        repository.CopyFrom(CliRunner.Samples("inspector-basic"));
        repository.Write("package.json", "{\"name\": \"app\"}\n");
        return repository;
    }

    private static CliRun Lint(TemporaryRepository repository, params string[] args) =>
        CliRunner.Run(repository.Root, ["--today", CliRunner.Today, .. args]);

    private static void Shell(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false, RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, command + ": " + process.StandardError.ReadToEnd());
    }

    private static IEnumerable<string> Snapshot(TemporaryRepository repository) =>
        Directory.EnumerateFiles(repository.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{Path.GetRelativePath(repository.Root, f)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}");

    /// <summary>The paths of every file, folder and link under the root (a dangling link too), in order.</summary>
    private static IEnumerable<string> Entries(TemporaryRepository repository) =>
        Directory.EnumerateFileSystemEntries(repository.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(repository.Root, f));

    [TestCase("-o", "template.yaml", "--output 'template.yaml' is an input of this run (a template, a samconfig, or other YAML or JSON under the root); an output never replaces an input: write it outside the root, or leave it out of the analysis with exclude in .policylint.yaml")]
    [TestCase("--sarif", "security/inspector-exclusions.yaml", "--sarif 'security/inspector-exclusions.yaml' is an input of this run (the ledger); an output never replaces an input: choose another file")]
    [TestCase("--report", "json=samconfig.toml", "--report json=samconfig.toml is an input of this run (a samconfig file, read when it exists, as sam deploy reads it); an output never replaces an input: choose another file")]
    [TestCase("-o", "template.json", "--output 'template.json' is an input of this run (a template, a samconfig, or other YAML or JSON under the root); an output never replaces an input: write it outside the root, or leave it out of the analysis with exclude in .policylint.yaml")]
    [TestCase("-o", ".policylint.yaml", "--output '.policylint.yaml' is an input of this run (a configuration file); an output never replaces an input: choose another file")]
    [TestCase("-o", ".editorconfig", "--output '.editorconfig' is an input of this run (a configuration file); an output never replaces an input: choose another file")]
    [TestCase("-o", "src/../template.yaml", "--output 'src/../template.yaml' is an input of this run (a template, a samconfig, or other YAML or JSON under the root); an output never replaces an input: write it outside the root, or leave it out of the analysis with exclude in .policylint.yaml")]
    [TestCase("-o", "link-to-template", "--output 'link-to-template' is an input of this run (a template, a samconfig, or other YAML or JSON under the root); an output never replaces an input: write it outside the root, or leave it out of the analysis with exclude in .policylint.yaml")]
    [TestCase("-o", "hard-link-to-ledger.txt", "--output 'hard-link-to-ledger.txt' is an input of this run (the ledger); an output never replaces an input: choose another file")]
    [TestCase("-o", "up/template", "--output 'up/template' is an input of this run (a template, a samconfig, or other YAML or JSON under the root); an output never replaces an input: write it outside the root, or leave it out of the analysis with exclude in .policylint.yaml")]
    [TestCase("-o", "prod/stack", "--output 'prod/stack' is an input of this run (a template, a samconfig, or other YAML or JSON under the root); an output never replaces an input: write it outside the root, or leave it out of the analysis with exclude in .policylint.yaml")]
    public void AnOutputThatIsAnInput_IsAUsageError_AndNothingIsWritten(string option, string value, string message)
    {
        using var repository = Repository();
        // A template under a name discovery does not read, which its samconfig's template_file names: read, so an input.
        repository.Write("up/template", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
        repository.Write("up/samconfig.toml", "version = 0.1\n[default.deploy.parameters]\ntemplate_file = \"template\"\n");
        // Named only by another environment (third new-user trial: the default run replaced it).
        repository.Write("prod/stack", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
        repository.Write("prod/samconfig.toml", "version = 0.1\n[prod.deploy.parameters]\ntemplate_file = \"stack\"\n");
        File.CreateSymbolicLink(Path.Combine(repository.Root, "link-to-template"), "template.yaml");
        Shell($"ln '{repository.Root}/security/inspector-exclusions.yaml' '{repository.Root}/hard-link-to-ledger.txt'");
        repository.Write("template.json", "{\"Resources\": {\"Queue\": {\"Type\": \"AWS::SQS::Queue\"}}}\n");
        var before = Snapshot(repository).ToList();

        var run = Lint(repository, option, value, "--report", "markdown=summary.md");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Is.EqualTo($"policylint: error: {message}\n"));
        Assert.That(run.Stdout, Is.Empty);
        Assert.That(Snapshot(repository), Is.EqualTo(before), "nothing written, nothing replaced");
    }

    /// <summary>A discovered candidate that the run reads and finds to be no template (its bytes or text rule it out)
    /// is no input: an earlier run's report under the root is replaced by the next, identical run (new-user trial: the
    /// second run refused its own report). A file that is read as a template is still refused.</summary>
    [TestCase("json", "report.json")]
    [TestCase("sarif", "report.sarif.json")]
    [TestCase("text", "report.yaml")]
    public void AReportUnderTheRoot_IsReplacedByTheSameRunAgain_ATemplateStillIsNot(string format, string file)
    {
        using var repository = Repository();

        var first = Lint(repository, "--format", format, "-o", file);
        var written = File.ReadAllText(Path.Combine(repository.Root, file));
        var second = Lint(repository, "--format", format, "-o", file);

        Assert.That((first.ExitCode, first.Stderr), Is.EqualTo((ExitCodes.Success, string.Empty)));
        Assert.That((second.ExitCode, second.Stderr), Is.EqualTo((ExitCodes.Success, string.Empty)));
        Assert.That(File.ReadAllText(Path.Combine(repository.Root, file)), Is.EqualTo(written), "the report is no input: the second run reports what the first did");
        Assert.That(Lint(repository, "--format", format).Stdout, Is.EqualTo(written));

        var before = Snapshot(repository).ToList();
        var template = Lint(repository, "--format", format, "-o", "template.yaml");
        Assert.That(template.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(template.Stderr, Does.StartWith("policylint: error: --output 'template.yaml' is an input of this run (a template"));
        Assert.That(Snapshot(repository), Is.EqualTo(before));
    }

    /// <summary>JSON that is no template (a package.json) is read and ruled out: no input, so it may be written.</summary>
    [Test]
    public void JsonThatIsNoTemplate_IsNoInput()
    {
        using var repository = Repository();

        var run = Lint(repository, "--format", "json", "-o", "package.json");

        Assert.That((run.ExitCode, run.Stderr), Is.EqualTo((ExitCodes.Success, string.Empty)));
        Assert.That(File.ReadAllText(Path.Combine(repository.Root, "package.json")), Does.StartWith("{\n  \"version\": 1,"));
    }

    /// <summary>A file the run reads when it exists is refused as an output before it exists too: the next run (and
    /// sam deploy, for a samconfig) would read the report as that input (new-user trial: <c>-o samconfig.toml</c> in a
    /// folder without one made the next run's PL0001 Invalid TOML).</summary>
    [TestCase("-o", "services/samconfig.toml", "--output 'services/samconfig.toml' is an input of this run (a samconfig file, read when it exists, as sam deploy reads it)")]
    [TestCase("--sarif", "samconfig.yaml", "--sarif 'samconfig.yaml' is an input of this run (a samconfig file, read when it exists, as sam deploy reads it)")]
    [TestCase("--report", "json=services/samconfig.yml", "--report json=services/samconfig.yml is an input of this run (a samconfig file, read when it exists, as sam deploy reads it)")]
    [TestCase("-o", "link-to-new-samconfig", "--output 'link-to-new-samconfig' is an input of this run (a samconfig file, read when it exists, as sam deploy reads it)")]
    [TestCase("-o", ".policylint.yaml", "--output '.policylint.yaml' is an input of this run (a configuration file)")]
    [TestCase("-o", ".editorconfig", "--output '.editorconfig' is an input of this run (a configuration file)")]
    [TestCase("-o", ".globalconfig", "--output '.globalconfig' is an input of this run (a configuration file)")]
    [TestCase("--sarif", "security/inspector-exclusions.yaml", "--sarif 'security/inspector-exclusions.yaml' is an input of this run (the ledger)")]
    public void AnOutputThatWouldBeAnInputOnceItExists_IsAUsageError(string option, string value, string message)
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n");
        Directory.CreateDirectory(Path.Combine(repository.Root, "services"));
        Directory.CreateDirectory(Path.Combine(repository.Root, "security"));
        File.CreateSymbolicLink(Path.Combine(repository.Root, "link-to-new-samconfig"), "services/samconfig.toml");
        var before = Entries(repository).ToList();

        var run = Lint(repository, option, value);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Does.StartWith($"policylint: error: {message}; an output never replaces an input: "));
        Assert.That(Entries(repository), Is.EqualTo(before), "nothing written");
        Assert.That(Lint(repository).ExitCode, Is.EqualTo(ExitCodes.Success), "the next run reads no report as an input");
    }

    [Test]
    public void TheBaselineAsAnOutput_IsAUsageError()
    {
        using var repository = Repository();
        Lint(repository, "--sarif", "base.sarif");

        var run = Lint(repository, "--baseline", "base.sarif", "--report", "sarif=base.sarif");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Is.EqualTo("policylint: error: --report sarif=base.sarif is an input of this run (the baseline); an output never replaces an input: choose another file\n"));
    }

    [TestCase("-o", "out.sarif", "--sarif", "out.sarif", "--sarif 'out.sarif' is the same file as --output 'out.sarif'")]
    [TestCase("--sarif", "out.sarif", "--report", "sarif=./x/../out.sarif", "--report sarif=./x/../out.sarif is the same file as --sarif 'out.sarif'")]
    [TestCase("--report", "json=a.json.txt", "--report", "markdown=a.json.txt", "--report markdown=a.json.txt is the same file as --report json=a.json.txt")]
    public void TheSameOutputTwice_IsAUsageError(string option1, string value1, string option2, string value2, string message)
    {
        using var repository = Repository();
        Directory.CreateDirectory(Path.Combine(repository.Root, "x"));

        var run = Lint(repository, option1, value1, option2, value2);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Is.EqualTo($"policylint: error: {message}; give each output its own file\n"));
        Assert.That(File.Exists(Path.Combine(repository.Root, "out.sarif")) || File.Exists(Path.Combine(repository.Root, "a.json.txt")), Is.False);
    }

    [TestCase("sarif", "--report 'sarif' is not FORMAT=FILE (e.g. sarif=policylint.sarif)")]
    [TestCase("=x.txt", "--report '=x.txt' is not FORMAT=FILE (e.g. sarif=policylint.sarif)")]
    [TestCase("xml=x.xml", "--report: 'xml' is not one of text, gnu, github, markdown, sarif, json")]
    public void ABadReport_IsAUsageError(string value, string message)
    {
        using var repository = Repository();

        var run = Lint(repository, "--report", value);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Is.EqualTo($"policylint: error: {message}\n"));
    }

    [Test]
    public void OneRun_WritesEveryFormat_AsSeparateRunsWould()
    {
        using var repository = new TemporaryRepository();
        repository.CopyFrom(CliRunner.Samples("inspector-problems"));
        var outputs = Path.Combine(repository.Root, "..", Path.GetFileName(repository.Root) + "-out");
        Directory.CreateDirectory(outputs);
        try
        {
            var run = Lint(repository, "--format", "github", "--sarif", $"{outputs}/a.sarif", "--report", $"markdown={outputs}/summary.md",
                "--report", $"json={outputs}/r.json", "--report", $"text={outputs}/r.txt");

            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure));
            Assert.That(run.Stdout, Is.EqualTo(Lint(repository, "--format", "github").Stdout));
            foreach (var (file, format) in new[] { ("a.sarif", "sarif"), ("summary.md", "markdown"), ("r.json", "json"), ("r.txt", "text") })
                Assert.That(File.ReadAllText(Path.Combine(outputs, file)), Is.EqualTo(Lint(repository, "--format", format).Stdout), file);
        }
        finally
        {
            Directory.Delete(outputs, recursive: true);
        }
    }

    [Test]
    public void AFifo_IsWrittenThrough_AndStaysAFifo()
    {
        using var repository = Repository();
        var fifo = Path.Combine(repository.Root, "..", Path.GetFileName(repository.Root) + ".fifo");
        Shell($"mkfifo '{fifo}'");
        try
        {
            var reader = Task.Run(() => File.ReadAllText(fifo));

            var run = Lint(repository, "--sarif", fifo);

            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
            Assert.That(reader.Wait(60_000), Is.True);
            Assert.That(reader.Result, Does.StartWith("{").And.Contain("\"runs\""));
            Assert.That(UnixFile.LStat(fifo)!.Value.Type, Is.EqualTo(UnixFile.Fifo));
        }
        finally
        {
            File.Delete(fifo);
        }
    }

    [Test]
    public void ACharacterDevice_IsWrittenThrough_AndNotReplaced()
    {
        using var repository = Repository();
        var device = Path.Combine(repository.Root, "..", Path.GetFileName(repository.Root) + ".null");
        using (var mknod = Process.Start(new ProcessStartInfo("mknod", [device, "c", "1", "3"]) { UseShellExecute = false, RedirectStandardError = true })!)
        {
            mknod.WaitForExit();
            if (mknod.ExitCode != 0)
                Assert.Ignore($"mknod is not permitted here: {mknod.StandardError.ReadToEnd()}");
        }

        try
        {
            var run = Lint(repository, "-o", device, "--format", "sarif");

            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
            Assert.That(UnixFile.LStat(device)!.Value.Type, Is.EqualTo(UnixFile.CharacterDevice), "still the device, not a regular file");
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(device)!, Path.GetFileName(device) + "*"), Is.EqualTo(new[] { device }), "no temporary file left");
        }
        finally
        {
            File.Delete(device);
        }
    }

    [Test]
    public void ASymbolicLinkToStandardOutput_WritesToStandardOutput()
    {
        using var repository = Repository();
        var link = Path.Combine(repository.Root, "..", Path.GetFileName(repository.Root) + ".stdout");
        File.CreateSymbolicLink(link, "/proc/self/fd/1");
        try
        {
            var run = ChildProcess.Run("/bin/sh", ["-c", $"\"$POLICYLINT\" --today {CliRunner.Today} --root '{repository.Root}' -o '{link}'"],
                new Dictionary<string, string> { ["POLICYLINT"] = ChildProcess.PolicyLint });

            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
            Assert.That(run.Stdout, Is.EqualTo("PolicyLint: 0 errors, 0 warnings, 0 info in 4 files\n"));
            Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo("/proc/self/fd/1"));
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Test]
    public void ASymbolicLinkToAFile_ReplacesTheTarget_KeepsTheLink_AndTheMode()
    {
        using var repository = Repository();
        var target = Path.Combine(repository.Root, "reports", "latest.sarif");
        repository.Write("reports/latest.sarif", "old");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.CreateSymbolicLink(Path.Combine(repository.Root, "current.sarif"), "reports/latest.sarif");

        var run = Lint(repository, "--sarif", "current.sarif");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
        Assert.That(new FileInfo(Path.Combine(repository.Root, "current.sarif")).LinkTarget, Is.EqualTo("reports/latest.sarif"));
        Assert.That(File.ReadAllText(target), Does.StartWith("{"));
        Assert.That(File.GetUnixFileMode(target), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void AFailedWrite_LeavesTheOldFile_AndNoTemporaryFile()
    {
        using var repository = new TemporaryRepository();
        var path = repository.Write("report.txt", "old");

        Assert.Throws<InvalidOperationException>(() => OutputFile.Write(path, stream =>
        {
            stream.Write("partial"u8);
            throw new InvalidOperationException("the reporter failed");
        }));

        Assert.That(File.ReadAllText(path), Is.EqualTo("old"));
        Assert.That(Directory.GetFiles(repository.Root).Select(Path.GetFileName), Is.EqualTo(new[] { "report.txt" }));
    }

    [Test]
    public void UnixFileStatus_AgreesWithStat1()
    {
        using var repository = new TemporaryRepository();
        var file = repository.Write("f.txt", "x");
        Shell($"mkfifo '{repository.Root}/p' && ln -s f.txt '{repository.Root}/l'");
        foreach (var (path, follow) in new[] { (file, true), ($"{repository.Root}/p", true), ($"{repository.Root}/l", false), ($"{repository.Root}/l", true) })
        {
            string[] args = follow ? ["-L", "-c", "%d %i %u %g %f", path] : ["-c", "%d %i %u %g %f", path];
            var info = new ProcessStartInfo("stat", args) { UseShellExecute = false, RedirectStandardOutput = true };
            using var stat = Process.Start(info)!;
            var expected = stat.StandardOutput.ReadToEnd().Trim();
            stat.WaitForExit();
            var status = (follow ? UnixFile.Stat(path) : UnixFile.LStat(path))!.Value;
            Assert.That($"{status.Device} {status.Inode} {status.Uid} {status.Gid} {status.Type | status.Permissions:x}", Is.EqualTo(expected), path);
        }
    }

    /// <summary>A device that refuses the write: the path once (third new-user trial: .NET's message repeated it).</summary>
    [Test]
    public void AFullDevice_IsAUsageError_NamingThePathOnce()
    {
        if (!File.Exists("/dev/full"))
            Assert.Ignore("needs /dev/full");
        using var repository = Repository();

        var run = Lint(repository, "-o", "/dev/full");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Is.EqualTo("policylint: error: cannot write '/dev/full': No space left on device\n"));
    }
}
