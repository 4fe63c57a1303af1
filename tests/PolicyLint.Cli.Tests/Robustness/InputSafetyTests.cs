using System.Text;
using NUnit.Framework;
using PolicyLint.Cli.Tests.Integration;
using PolicyLint.Core.Inputs;
using PolicyLint.Core.Loading;
using PolicyLint.Core.Syntax;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Robustness;

/// <summary>Nothing analyzed never passes silently: no template under the root, UTF-16/32 templates, binary files, special
/// files, trees deeper than the system's path limit, files over the size limit, and the cheap pre-check that keeps
/// non-templates from being parsed.</summary>
public sealed class InputSafetyTests
{
    private const string TaggedTemplate = "Resources:\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: worker\n      Tags:\n        InspectorExclusion: LambdaStandardScanning\n";

    private static CliRun Lint(TemporaryRepository repository, params string[] args) =>
        CliRunner.Run(repository.Root, ["--today", CliRunner.Today, .. args]);

    private static string[] Keys(CliRun run) =>
        [.. run.Stdout.Split('\n').Where(l => l.Contains("): ", StringComparison.Ordinal) && !l.Contains("PL4001", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf(": ", l.IndexOf("): ", StringComparison.Ordinal) + 3, StringComparison.Ordinal)])];

    [Test]
    public void NoTemplate_IsExit2_WithANotification_UnlessAllowEmpty()
    {
        using var repository = new TemporaryRepository();
        repository.Write("docs/readme.yaml", "title: docs\n");
        repository.WriteBytes("template.yaml", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0xD8]); // a binary file

        var run = Lint(repository);
        var sub = CliRunner.Run(Path.Combine(repository.Root, "docs"), "--today", CliRunner.Today);
        var sarif = Lint(repository, "--format", "sarif");
        var allowed = Lint(repository, "--allow-empty");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageError));
            Assert.That(run.Stderr, Is.EqualTo($"policylint: error: No template found under the root '{repository.Root}': nothing was analyzed (a wrong --root or folder?); pass --allow-empty if that is expected\n"));
            Assert.That(run.Stdout, Is.EqualTo("PolicyLint: 0 errors, 0 warnings, 0 info in 0 files\n"));
            Assert.That(sub.ExitCode, Is.EqualTo(ExitCodes.UsageError), "run from a subfolder without templates");
            Assert.That(sarif.ExitCode, Is.EqualTo(ExitCodes.UsageError));
            var invocation = sarif.Sarif().RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
            Assert.That(invocation.GetProperty("executionSuccessful").GetBoolean(), Is.False);
            Assert.That(invocation.GetProperty("toolExecutionNotifications")[0].GetProperty("message").GetProperty("text").GetString(), Does.StartWith("No template found under the root"));
            Assert.That(allowed.ExitCode, Is.EqualTo(ExitCodes.Success));
            Assert.That(allowed.Stderr, Is.EqualTo($"policylint: note: No template found under the root '{repository.Root}'; no template was analyzed (--allow-empty)\n"));
        });
    }

    [TestCase("utf-16le-bom")]
    [TestCase("utf-16be-bom")]
    [TestCase("utf-32le-bom")]
    [TestCase("utf-32be-bom")]
    [TestCase("utf-16le")]
    [TestCase("utf-16be")]
    public void WideTemplate_WithAnExclusionTag_IsPL1001(string encoding)
    {
        using var repository = new TemporaryRepository();
        var text = "# caf\u00e9 \U0001F600\n" + TaggedTemplate;
        Encoding enc = encoding switch
        {
            "utf-16le-bom" or "utf-16le" => new UnicodeEncoding(false, false),
            "utf-16be-bom" or "utf-16be" => new UnicodeEncoding(true, false),
            "utf-32le-bom" => new UTF32Encoding(false, false),
            _ => new UTF32Encoding(true, false),
        };
        var bom = encoding.EndsWith("-bom", StringComparison.Ordinal) ? enc.GetBytes("\uFEFF") : [];
        // Without a byte order mark the file must start with an ASCII character (YAML 1.2 §5.2): the comment's '#'.
        repository.WriteBytes("template.yaml", [.. bom, .. enc.GetBytes(text)]);

        var run = Lint(repository, "--format", "sarif");

        var keys = CliRunner.ResultKeys(run.Sarif()).Where(k => !k.StartsWith("PL4001", StringComparison.Ordinal)).ToList();
        Assert.That(keys, Is.EqualTo(new[] { "PL1001 template.yaml 8:9" }), run.Stderr);
    }

    [Test]
    public void InvalidUtf16_LooksLikeATemplate_IsPL0001AtTheLoneSurrogate()
    {
        using var repository = new TemporaryRepository();
        var bytes = new UnicodeEncoding(false, true).GetBytes("Resources:\n  A: ").Concat(new byte[] { 0x00, 0xD8 }).Concat(new UnicodeEncoding(false, false).GetBytes("x\n")).ToArray();
        repository.WriteBytes("template.yaml", [0xFF, 0xFE, .. bytes]);

        var run = Lint(repository, "--format", "sarif");

        Assert.That(CliRunner.ResultKeys(run.Sarif()), Has.Exactly(1).StartsWith("PL0001 template.yaml 2:"));
    }

    [Test]
    public void SpecialFiles_AreSkippedWithAWarning_NeverRead()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("FIFOs and /dev links are tested on Linux");
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", TaggedTemplate);
        var mkfifo = ExternalTool.Run("mkfifo", repository.Root, null, "pipe.yaml");
        Assert.That(mkfifo.ExitCode, Is.Zero, mkfifo.Output);
        File.CreateSymbolicLink(Path.Combine(repository.Root, "stdin.yaml"), "/dev/stdin");
        File.CreateSymbolicLink(Path.Combine(repository.Root, "zero.json"), "/dev/zero");
        Directory.CreateDirectory(Path.Combine(repository.Root, "security"));
        var ledgerFifo = ExternalTool.Run("mkfifo", repository.Root, null, "security/inspector-exclusions.yaml");
        Assert.That(ledgerFifo.ExitCode, Is.Zero, ledgerFifo.Output);

        var run = Lint(repository);

        Assert.Multiple(() =>
        {
            Assert.That(run.Stderr, Does.Contain("policylint: warning: pipe.yaml: Skipped: a FIFO (named pipe), not a regular file\n"));
            Assert.That(run.Stderr, Does.Contain("policylint: warning: zero.json: Skipped: a character device, not a regular file\n"));
            Assert.That(run.Stderr, Does.Contain("policylint: warning: stdin.yaml: Skipped: "));
            Assert.That(Keys(run), Is.EqualTo(new[] { "security/inspector-exclusions.yaml(1,1): error PL0001" }), "a FIFO in the ledger's place is never an empty ledger");
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failure));
        });
    }

    [Test]
    public void TreeDeeperThanPathMax_IsAWarning_AndTheRestIsAnalyzed()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Ignore("PATH_MAX (4,096 bytes) is Linux's");
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", TaggedTemplate);
        var name = new string('d', 250);
        // Two chains of folders, each shorter than PATH_MAX, joined by a rename: the tree ends 20 × 251 bytes deep.
        var made = ExternalTool.Run("sh", repository.Root, null, "-c",
            $"a=$(printf '{name}/%.0s' $(seq 12)); b=b/$(printf '{name}/%.0s' $(seq 7)); mkdir -p \"$a\" \"$b\" && echo 'Resources: {{}}' > \"$b/deep.yaml\" && mv b \"$a\"");
        try
        {
            Assert.That(made.ExitCode, Is.Zero, made.Output);

            var run = Lint(repository);

            Assert.That(run.Stderr, Does.Match(@"policylint: warning: d{250}(/d{250}){11}/b(/d{250})+: Cannot list directory: "));
            Assert.That(Keys(run), Is.EqualTo(new[] { "template.yaml(7,9): error PL1001" }));
        }
        finally
        {
            ExternalTool.Run("rm", repository.Root, null, "-rf", name);
        }
    }

    [Test]
    public void UnreadableLedger_AsARealUser_IsPL0001AndExit1()
    {
        var setpriv = ExternalTool.OnPath("setpriv");
        var dotnet = ExternalTool.OnPath("dotnet");
        if (!OperatingSystem.IsLinux() || setpriv is null || dotnet is null || Environment.UserName != "root")
        {
            ExternalTool.Missing("needs Linux, setpriv (util-linux) and dotnet on PATH, and root to switch to the user nobody");
            return;
        }

        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", TaggedTemplate);
        var ledger = repository.Write("security/inspector-exclusions.yaml", "version: 1\nexclusions: []\n");
        File.SetUnixFileMode(ledger, UnixFileMode.None); // chmod 000: only root could still read it

        var (exitCode, output) = ExternalTool.Run(setpriv, repository.Root, new Dictionary<string, string> { ["HOME"] = Path.GetTempPath() },
            "--reuid=65534", "--regid=65534", "--clear-groups", dotnet, typeof(CliApp).Assembly.Location, "--today", CliRunner.Today, "--root", repository.Root);

        Assert.That(output, Does.StartWith("security/inspector-exclusions.yaml(1,1): error PL0001: Cannot read the ledger: Permission denied; "));
        Assert.That(exitCode, Is.EqualTo(ExitCodes.Failure), output);
    }

    [Test]
    public void OverLimitFile_ResourcesPast64KB_OrAnExclusionTagKey_IsPL0001_OtherwiseANote()
    {
        using var repository = new TemporaryRepository();
        var padding = "# " + new string('x', 100) + "\n";
        var filler = string.Concat(Enumerable.Repeat(padding, 1000)); // about 100 KB
        repository.Write("late.yaml", filler + TaggedTemplate);
        repository.Write("tagged.json", "{\"notes\": \"" + new string('y', 100_000) + "\", \"InspectorCodeExclusion\": 1}");
        repository.Write("vendor.json", "{\"notes\": \"" + new string('y', 100_000) + "\"}");
        repository.Write("small.yaml", TaggedTemplate);

        var run = CliRunner.Run(repository.Root, ["--today", CliRunner.Today], new ParseLimits(MaxFileBytes: 50_000));

        Assert.Multiple(() =>
        {
            Assert.That(Keys(run), Is.EqualTo(new[] { "late.yaml(1,1): error PL0001", "small.yaml(7,9): error PL1001", "tagged.json(1,1): error PL0001" }));
            Assert.That(run.Stderr, Is.EqualTo("policylint: note: vendor.json: Skipped: larger than the limit of 50,000 bytes\n"));
        });
    }

    [Test]
    public void PreCheck_NonTemplateFiles_AreNotParsed_EscapedKeysAre()
    {
        using var repository = new TemporaryRepository();
        for (var i = 0; i < 50; i++)
            repository.Write($"vendor/pkg{i:D2}/package.json", $"{{\"name\": \"pkg{i}\", \"version\": \"1.0.{i}\", \"files\": [\"index.js\"]}}");
        repository.Write("escaped.json", "{\"\\u0052esources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}");
        repository.Write("folded.yaml", "? \"Resou\\\n  rces\"\n: {Q: {Type: AWS::SQS::Queue}}\n");
        repository.Write("template.yaml", TaggedTemplate);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.ParsedFileCount, Is.EqualTo(3), "only the three files whose text can hold a Resources key");
            Assert.That(result.Project.Templates.Select(t => t.Path), Is.EqualTo(new[] { "escaped.json", "folded.yaml", "template.yaml" }));
        });
    }

    [TestCase("Resources:", true)]
    [TestCase("a: 1\nTransform: x\n", true)]
    [TestCase("{\"AWSTemplateFormatVersion\": 1}", true)]
    [TestCase("{\"\\u0052esources\": {}}", true)]
    [TestCase("key: \"\\x52esources\"", true)]
    [TestCase("key: \"Re\\\nsources\"", true)]
    [TestCase("{\"a\": \"line\\nbreak \\\"quoted\\\" \\\\ \\/\"}", false)]
    [TestCase("name: pkg\nresources: {}\n", false)]
    [TestCase("{\"a\": \"\\u003c\\u00e9\\uFFFD \\x20 \\U0001F600\"}", false)] // escapes of characters no key word holds: vendored JSON is not parsed
    [TestCase("{\"a\": \"\\u0054\"}", true)] // T
    [TestCase("key: \"\\x6d\"", true)] // m
    [TestCase("key: \"\\U00000046\"", true)] // F
    [TestCase("{\"a\": \"\\u00\"}", true)] // malformed: left to the parser
    public void CanBeTemplate(string text, bool expected) =>
        Assert.That(ProjectLoader.CanBeTemplate(text), Is.EqualTo(expected));
}
