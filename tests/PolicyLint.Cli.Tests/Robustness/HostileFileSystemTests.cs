using System.Text;
using NUnit.Framework;
using PolicyLint.Core.Analysis;
using PolicyLint.Core.Configuration;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Workspace;
using PolicyLint.Rules;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Robustness;

/// <summary>Unreadable files, directories named like templates, symbolic-link loops, non-UTF-8 bytes and files that
/// vanish during the run give a diagnostic or a tool notification, and every other file is still analyzed.</summary>
public sealed class HostileFileSystemTests
{
    private const string KmsTemplate = """
        Resources:
          Worker:
            Type: AWS::Lambda::Function
            Properties:
              KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/example
        """;

    private static RunResult Run(string root, IFileSource? source = null) =>
        AnalysisRunner.Run(new LoadRequest { Root = root, Source = source },
            new AnalysisOptions { Today = new DateOnly(2026, 11, 29) }, RulePack.CreateAnalyzers());

    // PL4001 (no Inspector finding rule) comes with every function here and says nothing about the file system.
    private static IEnumerable<string> Keys(RunResult run) => run.Diagnostics.Where(d => d.Id != "PL4001").Select(d => $"{d.Id} {d.Location.Path}");

    [Test]
    public void UnreadableFile_IsPL0001_AndTheRestIsAnalyzed()
    {
        using var repository = new TemporaryRepository();
        repository.Write("locked.yaml", KmsTemplate);
        repository.Write("worker.yaml", KmsTemplate);
        var reader = new FaultyFileSource(repository.Root, p => p.EndsWith("locked.yaml", StringComparison.Ordinal) ? new UnauthorizedAccessException("Access to the path is denied") : null);

        var run = Run(repository.Root, reader);

        Assert.That(run.Notifications, Is.Empty);
        Assert.That(Keys(run), Is.EqualTo(new[] { "PL0001 locked.yaml", "PL2001 worker.yaml" }));
        Assert.That(run.ExecutionSuccessful, Is.True);
    }

    /// <summary>A file whose name is not valid UTF-8 cannot be opened by .NET (it lists the name with U+FFFD): PL0001, so
    /// a working-tree run in CI fails closed (a third new-user trial's tagged <c>bad\xff.yaml</c> passed with a warning).
    /// A real file on the real file system, named by bytes.</summary>
    [Test]
    public void FileNamedWithBytesThatAreNotUtf8_IsPL0001()
    {
        using var repository = new TemporaryRepository();
        repository.Write("worker.yaml", KmsTemplate);
        var create = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", ["-c", "printf 'Resources: {}\\n' > \"$(printf 'bad\\377.yaml')\""]) { WorkingDirectory = repository.Root })!;
        create.WaitForExit();
        Assume.That(Directory.GetFiles(repository.Root).Any(f => f.Contains('\uFFFD', StringComparison.Ordinal)), "this file system keeps names as bytes");

        var run = Run(repository.Root);

        Assert.That(Keys(run), Is.EqualTo(new[] { "PL0001 bad\uFFFD.yaml", "PL2001 worker.yaml" }));
        Assert.That(run.Diagnostics[0].Message, Is.EqualTo("The file cannot be read (its name is not valid UTF-8, and .NET opens files and folders by UTF-8 names only: rename it), so what it defines is unknown; make it readable, or leave it out of the analysis with exclude in .policylint.yaml"));
    }

    /// <summary>A folder whose name is not valid UTF-8 cannot be listed: PL0001 at the folder, never a warning that
    /// passes a tagged template inside it (third new-user trial: <c>d\xfe/</c>).</summary>
    [Test]
    public void FolderNamedWithBytesThatAreNotUtf8_IsPL0001()
    {
        using var repository = new TemporaryRepository();
        repository.Write("worker.yaml", KmsTemplate);
        var create = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", ["-c", "d=\"$(printf 'd\\376')\" && mkdir \"$d\" && printf 'Resources: {}\\n' > \"$d/template.yaml\""]) { WorkingDirectory = repository.Root })!;
        create.WaitForExit();
        Assume.That(Directory.GetDirectories(repository.Root).Any(f => f.Contains('\uFFFD', StringComparison.Ordinal)), "this file system keeps names as bytes");

        var run = Run(repository.Root);

        Assert.That(run.Notifications, Is.Empty);
        Assert.That(Keys(run), Is.EqualTo(new[] { "PL0001 d\uFFFD", "PL2001 worker.yaml" }));
    }

    [Test]
    public void FileDeletedDuringTheRun_IsANotification_AndTheRestIsAnalyzed()
    {
        using var repository = new TemporaryRepository();
        repository.Write("gone.yaml", KmsTemplate);
        repository.Write("worker.yaml", KmsTemplate);
        // Discovery has listed the file; it disappears before it is read.
        var reader = new FaultyFileSource(repository.Root, p =>
        {
            if (p == "gone.yaml")
                File.Delete(Path.Combine(repository.Root, p));
            return null;
        });

        var run = Run(repository.Root, reader);

        Assert.That(run.Notifications.Single().Path, Is.EqualTo("gone.yaml"));
        Assert.That(run.Notifications.Single().Message, Does.StartWith("Cannot read file: "));
        Assert.That(Keys(run), Is.EqualTo(new[] { "PL2001 worker.yaml" }));
    }

    [Test]
    public void UnreadableLedger_IsPL0001_NeverAPass()
    {
        using var repository = new TemporaryRepository();
        repository.Write("security/inspector-exclusions.yaml", "version: 1\nexclusions: []\n");
        repository.Write("worker.yaml", KmsTemplate);
        var reader = new FaultyFileSource(repository.Root, p => p.EndsWith("inspector-exclusions.yaml", StringComparison.Ordinal) ? new IOException("Input/output error") : null);

        var run = Run(repository.Root, reader);

        Assert.That(run.Notifications, Is.Empty);
        Assert.That(Keys(run), Is.EqualTo(new[] { "PL0001 security/inspector-exclusions.yaml", "PL2001 worker.yaml" }));
        Assert.That(run.Diagnostics[0].Message, Does.StartWith("Cannot read the ledger: Input/output error; "));
        Assert.That(run.Diagnostics[0].Severity, Is.EqualTo(DiagnosticSeverity.Error));
    }

    [Test]
    public void DirectoryNamedLikeATemplate_IsWalked()
    {
        using var repository = new TemporaryRepository();
        repository.Write("stack.yaml/template.yaml", KmsTemplate);
        Directory.CreateDirectory(Path.Combine(repository.Root, "empty.json"));

        var run = Run(repository.Root);

        Assert.That(run.Notifications, Is.Empty);
        Assert.That(Keys(run), Is.EqualTo(new[] { "PL2001 stack.yaml/template.yaml" }));
    }

    [Test]
    public void SymbolicLinkLoops_AndDanglingLinks_AreNotifications_AndTheRestIsAnalyzed()
    {
        using var repository = new TemporaryRepository();
        repository.Write("services/worker.yaml", KmsTemplate);
        Directory.CreateSymbolicLink(Path.Combine(repository.Root, "services", "loop"), repository.Root);
        File.CreateSymbolicLink(Path.Combine(repository.Root, "a.yaml"), "b.yaml");
        File.CreateSymbolicLink(Path.Combine(repository.Root, "b.yaml"), "a.yaml");
        File.CreateSymbolicLink(Path.Combine(repository.Root, "dangling.yaml"), "missing.yaml");

        var run = Run(repository.Root);

        Assert.That(run.Notifications.Select(n => n.Path), Is.EqualTo(new[] { "a.yaml", "b.yaml", "dangling.yaml" }));
        Assert.That(run.Notifications.All(n => n.Message.StartsWith("Cannot read file: ", StringComparison.Ordinal)), Is.True);
        Assert.That(Keys(run), Is.EqualTo(new[] { "PL2001 services/worker.yaml" }));
    }

    [Test]
    public void NonUtf8Bytes_InATemplate_ArePL0001AtTheFirstInvalidByte_ElsewhereNothing()
    {
        using var repository = new TemporaryRepository();
        var bytes = Encoding.UTF8.GetBytes("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: { BucketName: caf").Concat(new byte[] { 0xE9, 0xFF }).Concat("s }\n"u8.ToArray()).ToArray();
        repository.WriteBytes("latin1.yaml", bytes);
        repository.WriteBytes("notes.yaml", [0x6E, 0x6F, 0x74, 0x65, 0x3A, 0x20, 0xFF, 0x0A]);
        repository.Write("worker.yaml", KmsTemplate);

        var run = Run(repository.Root);

        var pl0001 = run.Diagnostics.Single(d => d.Id == EngineDiagnostics.InvalidInput.Id);
        Assert.That((pl0001.Location.Path, pl0001.Location.Start.Line, pl0001.Location.Start.Column), Is.EqualTo(("latin1.yaml", 4, 34)));
        Assert.That(Keys(run), Is.EqualTo(new[] { "PL0001 latin1.yaml", "PL2001 worker.yaml" }));
        Assert.That(run.Notifications, Is.Empty);
    }
}
