using System.Diagnostics;
using CsCheck;
using NUnit.Framework;
using PolicyLint.Cli.Tests.Robustness;
using PolicyLint.Core.Ledger;
using PolicyLint.Core.Text;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests;

/// <summary><c>ledger add</c> on the file systems and ledgers people have: concurrent runs, a symbolic link, a
/// read-only file, a file's mode and owner, a kept block scalar, a file that is no ledger.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LedgerAddSafetyTests
{
    private static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private const string LedgerPath = "security/inspector-exclusions.yaml";

    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          OrdersFunction:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: orders-api
              Tags: { InspectorExclusion: LambdaStandardScanning }
          ReportsFunction:
            Type: AWS::Serverless::Function
            Properties:
              FunctionName: reports-api
              Tags: { InspectorCodeExclusion: LambdaCodeScanning }

        """;

    private const string Existing = """
        version: 1
        exclusions:
          - target: { type: lambda, function_name: billing-api }
            scan_type: code
            reason: { summary: "Vendor SDK", ticket: SEC-1 }
            owner: { team: billing, approved_by: security-reviewer }
            dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }

        """;

    private static TemporaryRepository Repository(string? ledger = Existing)
    {
        var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        if (ledger is not null)
            repository.Write(LedgerPath, ledger);
        return repository;
    }

    private static string[] AddArgs(string root, string logicalId, string scanType, params string[] more) =>
        ["ledger", "add", "--today", CliRunner.Today, "--root", root, "--template", Path.Combine(root, "template.yaml"),
            "--logical-id", logicalId, "--scan-type", scanType, .. more];

    private static void Shell(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, command);
    }

    private static void RequireUnix()
    {
        if (OperatingSystem.IsWindows())
            Assert.Ignore("POSIX file modes, owners and links");
    }

    [Test]
    public void TwoConcurrentRuns_NeverLoseAnEntry()
    {
        RequireUnix();
        for (var round = 0; round < 8; round++)
        {
            using var repository = Repository();
            var runs = new[] { ("OrdersFunction", "standard"), ("ReportsFunction", "code") }
                .Select(f => Task.Run(() => ChildProcess.Run(ChildProcess.PolicyLint, AddArgs(repository.Root, f.Item1, f.Item2))))
                .ToArray();
            Task.WaitAll(runs);

            Assert.That(runs.Select(r => r.Result.ExitCode), Is.All.EqualTo(ExitCodes.Success), string.Join("\n", runs.Select(r => r.Result.Stderr)));
            var ledger = ExclusionLedger.Parse(SourceText.From(LedgerPath, repository.Read(LedgerPath)));
            Assert.That(ledger.Exclusions.Select(e => e.RecordedName), Is.EquivalentTo(new[] { "billing-api", "orders-api", "reports-api" }), $"round {round}");
        }
    }

    [Test]
    public void ASymbolicLinkToTheLedger_IsEditedAtItsTarget_AndStaysALink()
    {
        RequireUnix();
        using var repository = Repository(ledger: null);
        repository.Write("shared/ledger.yaml", Existing);
        Directory.CreateDirectory(Path.Combine(repository.Root, "security"));
        File.CreateSymbolicLink(Path.Combine(repository.Root, LedgerPath), "../shared/ledger.yaml");

        var run = CliRunner.Run(repository.Root, AddArgs(repository.Root, "OrdersFunction", "standard"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
        Assert.That(new FileInfo(Path.Combine(repository.Root, LedgerPath)).LinkTarget, Is.EqualTo("../shared/ledger.yaml"));
        Assert.That(repository.Read("shared/ledger.yaml"), Does.StartWith(Existing).And.Contain("function_name: orders-api"));
    }

    [Test]
    public void AReadOnlyLedger_IsRefused_AndUntouched()
    {
        RequireUnix();
        using var repository = Repository();
        var full = Path.Combine(repository.Root, LedgerPath);
        File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = new FileInfo(full).LastWriteTimeUtc;

        var run = CliRunner.Run(repository.Root, AddArgs(repository.Root, "OrdersFunction", "standard"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Is.EqualTo($"policylint: error: '{LedgerPath}' is read-only; make it writable to add an entry (the file was not changed)\n"));
        Assert.That(repository.Read(LedgerPath), Is.EqualTo(Existing));
        Assert.That(new FileInfo(full).LastWriteTimeUtc, Is.EqualTo(before));
    }

    [Test]
    public void TheLedgersModeAndOwner_AreKept()
    {
        RequireUnix();
        using var repository = Repository();
        var full = Path.Combine(repository.Root, LedgerPath);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(full, mode);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
            Shell($"chown 1234:2345 '{full}'");

        var run = CliRunner.Run(repository.Root, AddArgs(repository.Root, "OrdersFunction", "standard"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
        Assert.That(File.GetUnixFileMode(full), Is.EqualTo(mode));
        var status = UnixFile.Stat(full)!.Value;
        if (asRoot)
            Assert.That((status.Uid, status.Gid), Is.EqualTo((1234u, 2345u)));
    }

    [TestCase("|+")]
    [TestCase(">+")]
    [TestCase("|2+")]
    public void AKeptBlockScalarEndingTheLastEntry_KeepsItsValue(string indicator)
    {
        var existing = "version: 1\nexclusions:\n  - target: { type: lambda, function_name: billing-api }\n    scan_type: code\n" +
            "    owner: { team: billing, approved_by: security-reviewer }\n    dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }\n" +
            $"    reason:\n      ticket: SEC-1\n      summary: {indicator}\n        Vendor SDK\n\n\n";
        using var repository = Repository(existing);
        var before = ExclusionLedger.Parse(SourceText.From(LedgerPath, existing)).Exclusions[0].Summary!.Text;

        var run = CliRunner.Run(repository.Root, AddArgs(repository.Root, "OrdersFunction", "standard"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
        var after = repository.Read(LedgerPath);
        Assert.That(after, Does.StartWith(existing));
        Assert.That(ExclusionLedger.Parse(SourceText.From(LedgerPath, after)).Exclusions[0].Summary!.Text, Is.EqualTo(before).And.EqualTo("Vendor SDK\n\n\n"));
    }

    [TestCase(".github/workflows/ci.yml", "on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n", "its top-level keys are on, jobs")]
    [TestCase("notes.yaml", "- a\n- b\n", "it is not one YAML mapping")]
    [TestCase("mixed.yaml", "version: 1\nexclusions: []\nname: x\n", "its top-level keys are version, exclusions, name")]
    public void AFileThatIsNoLedger_IsRefused_AndUntouched(string path, string text, string why)
    {
        using var repository = Repository();
        repository.Write(path, text);

        var run = CliRunner.Run(repository.Root, AddArgs(repository.Root, "OrdersFunction", "standard", "--ledger", Path.Combine(repository.Root, path)));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(run.Stderr, Is.EqualTo($"policylint: error: '{path}' is not an exclusion ledger: {why}; ledger add edits only a ledger (version, exclusions, suppressions)\n"));
        Assert.That(repository.Read(path), Is.EqualTo(text));
    }

    [TestCase("")]
    [TestCase("# the ledger, to be written\n")]
    public void AnEmptyFile_IsANewLedger(string text)
    {
        using var repository = Repository(text);

        var run = CliRunner.Run(repository.Root, AddArgs(repository.Root, "OrdersFunction", "standard"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
        Assert.That(repository.Read(LedgerPath), Does.StartWith(text + "version: 1\nexclusions:\n  - target:\n"));
    }

    [Test]
    public void TemplateAndLedger_AreBothRelativeToTheCurrentFolder()
    {
        using var repository = Repository();
        var app = Path.Combine(repository.Root, "app");
        Directory.CreateDirectory(app);

        var run = CliRunner.Run(app, "ledger", "add", "--today", CliRunner.Today, "--root", "..", "--template", "../template.yaml",
            "--ledger", $"../{LedgerPath}", "--logical-id", "OrdersFunction", "--scan-type", "standard");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Stderr);
        Assert.That(repository.Read(LedgerPath), Does.Contain("function_name: orders-api"));
    }

    /// <summary>Ledgers built from varied pieces: comments, flow and block entries, block scalars of every chomping,
    /// CRLF line ends, a trailing <c>suppressions</c>, no final line break.</summary>
    private static readonly Gen<string> Ledgers =
        Gen.Select(
            Pick("", "# header comment\n", "---\n"),
            Pick(
                "  - target: { type: lambda, function_name: a-api }\n    scan_type: code\n    reason: { summary: s, ticket: T-1 }\n    owner: { team: t, approved_by: x }\n    dates: { applied_at: 2026-10-01, expires_at: 2027-01-31 }\n",
                "  - target:\n      type: lambda\n      function_name: b-api   # comment\n    scan_type: standard\n    reason:\n      ticket: T-2\n      summary: |{0}\n        line one\n\n        line three\n{1}",
                "  -   target: {type: lambda, function_name: \"c-api\"}\n      scan_type: code\n      reason: {summary: >{0}\n          folded\n          text\n{1}        , ticket: T-3}\n").Array[1, 4],
            Pick("", "-", "+", "2", "2+", "-2"),
            Pick("", "\n", "\n\n", "   \n"),
            Pick("", "suppressions: []\n", "# trailing comment\n"),
            Gen.Bool,
            Gen.Bool)
        .Select(t =>
        {
            var (header, items, chomp, blanks, trailer, crlf, finalBreak) = t;
            var text = header + "version: 1\nexclusions:\n" + string.Concat(items.Select(i => i.Replace("{0}", chomp, StringComparison.Ordinal).Replace("{1}", blanks, StringComparison.Ordinal))) + trailer;
            if (!finalBreak)
                text = text.TrimEnd('\n');
            return crlf ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text;
        });

    [Test]
    public void Property_EverythingBeforeTheInsertionPointIsKept_AndEveryExistingValueToo()
    {
        var skeleton = new LedgerSkeleton("orders-api", "template.yaml", "OrdersFunction", ScanType.Standard, "SEC-42", "platform", new DateOnly(2026, 11, 29));
        Ledgers.Sample(text =>
        {
            var ledger = ExclusionLedger.Parse(SourceText.From(LedgerPath, text));
            if (ledger.IsBroken)
                return;
            var (after, line) = LedgerAppender.Append(ledger, skeleton);
            var parsed = ExclusionLedger.Parse(SourceText.From(LedgerPath, after));
            Assert.That(parsed.IsBroken, Is.False, after);
            var added = parsed.Exclusions.Single(e => e.FirstKeyLocation.Start.Line == line);
            var insertion = SourceText.From(LedgerPath, after).GetLineStart(line);
            var inserted = after.Length - text.Length;
            Assert.That(after[..insertion], Is.EqualTo(text[..Math.Min(insertion, text.Length)]).Or.EqualTo(text[..Math.Min(insertion, text.Length)].TrimEnd('\r', '\n') + (text.Contains('\r', StringComparison.Ordinal) ? "\r\n" : "\n")), "the text before the entry");
            // One value may change, and only by the line break the insertion adds: a clipped block scalar (| or >)
            // that ends a file without a final line break has none, and gets one when an entry follows it.
            var endsWithoutBreak = !text.EndsWith('\n');
            Assert.That(parsed.Exclusions.Where(e => e != added).Select(e => Values(e, endsWithoutBreak)), Is.EqualTo(ledger.Exclusions.Select(e => Values(e, endsWithoutBreak))), "every existing entry's values");
            Assert.That(added.RecordedName, Is.EqualTo("orders-api"));
        }, iter: 400, threads: 1);
    }

    private static string Values(LedgerEntry e, bool ignoreFinalLineBreak) =>
        string.Join("|", e.RecordedName, e.ScanTypeField?.Text, ignoreFinalLineBreak ? e.Summary?.Text?.TrimEnd('\n', '\r') : e.Summary?.Text, e.Ticket?.Text, e.Team?.Text, e.ExpiresAt?.Text);
}
