using System.Text;
using NUnit.Framework;
using PolicyLint.Core.Semantics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Testing;

namespace PolicyLint.Cli.Tests.Robustness;

/// <summary>Every limit of <see cref="ParseLimits"/> gives a clear PL0001 and the rest of the run goes on (docs/conventions.md#c16): no
/// crash, hang or stack overflow. Bounds are asserted as counts, never as times.</summary>
public sealed class LimitTests
{
    private const string KmsTemplate = """
        Resources:
          Worker:
            Type: AWS::Lambda::Function
            Properties:
              KmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/example
        """;

    [Test]
    public void Defaults_AreTheDocumentedOnes() =>
        Assert.That(ParseLimits.Default, Is.EqualTo(new ParseLimits(MaxFileBytes: 10 * 1024 * 1024, MaxDepth: 1000, MaxAliasExpansion: 100_000, MaxFiles: 100_000, MaxNodes: 1_000_000)));

    [Test]
    public void FileOverTenMegabytes_IsPL0001_AndTheOtherFilesAreAnalyzed()
    {
        using var repository = new TemporaryRepository();
        var big = new StringBuilder("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n");
        while (big.Length <= 10 * 1024 * 1024)
            big.Append("# padding padding padding padding padding padding padding padding padding padding\n");
        repository.Write("big.yaml", big.ToString());
        repository.Write("worker.yaml", KmsTemplate);

        var run = CliRunner.Lint(repository.Root);

        Assert.That(run.Stdout, Does.Contain("big.yaml(1,1): error PL0001: The file is larger than the limit of 10,485,760 bytes and was not read"));
        Assert.That(run.Stdout, Does.Contain("worker.yaml(5,7): warning PL2001"));
    }

    [Test]
    public void LargeFileThatIsNotATemplate_IsSkippedWithANote()
    {
        using var repository = new TemporaryRepository();
        repository.Write("data.json", "[" + string.Concat(Enumerable.Repeat("1,", 600)) + "1]");
        repository.Write("worker.yaml", KmsTemplate);

        var run = CliRunner.Run(RepositoryPaths.Root, ["--today", CliRunner.Today, repository.Root], new ParseLimits(MaxFileBytes: 1000));

        Assert.That(run.Stdout, Does.Not.Contain("PL0001"));
        Assert.That(run.Stderr, Does.Contain("data.json: Skipped: larger than the limit of 1,000 bytes"));
        Assert.That(run.Stdout, Does.Contain("PL2001"));
    }

    [Test]
    public void LedgerOverTheSizeLimit_IsPL0001()
    {
        using var repository = new TemporaryRepository();
        repository.Write("security/inspector-exclusions.yaml", "version: 1\nexclusions: []\n# " + new string('x', 2000) + "\n");
        repository.Write("worker.yaml", KmsTemplate);

        var run = CliRunner.Run(RepositoryPaths.Root, ["--today", CliRunner.Today, repository.Root], new ParseLimits(MaxFileBytes: 1000));

        Assert.That(run.Stdout, Does.Contain("security/inspector-exclusions.yaml(1,1): error PL0001: The ledger is larger than the limit of 1,000 bytes and was not read"));
    }

    [TestCase("yaml", 100_000)]
    [TestCase("json", 100_000)]
    [TestCase("yaml", 1_001)]
    public void NestingDeeperThanTheLimit_IsPL0001AtTheNodeThatCrossesIt(string format, int depth)
    {
        var prefix = format == "yaml"
            ? "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata: "
            : "{\"Resources\": {\"Bucket\": {\"Type\": \"AWS::S3::Bucket\", \"Metadata\": ";
        var text = prefix + new string('[', depth) + new string(']', depth) + (format == "yaml" ? "\n" : "}}}\n");

        // The harness ledger's entry records a function the deep file may define: only the file's own results count.
        var diagnostics = EngineRun.Template($"deep.{format}", Encoding.UTF8.GetBytes(text)).Where(d => d.Location.Path == $"deep.{format}").ToList();

        var pl0001 = diagnostics.Single();
        Assert.That(pl0001.Message, Is.EqualTo("Nesting is deeper than the limit of 1,000 levels"));
        var crossing = prefix.Length - prefix.LastIndexOf('\n') - 1 + 1000 + 1; // the 1,001st bracket: levels count from the root
        Assert.That(pl0001.Location.Start.Column, Is.LessThanOrEqualTo(crossing));
        Assert.That(pl0001.Location.Start.Column, Is.GreaterThan(crossing - 10));
    }

    [Test]
    public void DeepBlockNesting_IsPL0001_NotAStackOverflow()
    {
        var text = new StringBuilder("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Metadata:\n");
        for (var i = 0; i < 1_200; i++)
            text.Append(' ', 6 + i).Append('k').Append(i).Append(":\n");
        text.Append(' ', 6 + 1_200).Append("end\n");

        var diagnostics = EngineRun.Template("deep.yaml", Encoding.UTF8.GetBytes(text.ToString())).Where(d => d.Location.Path == "deep.yaml");

        Assert.That(diagnostics.Single().Message, Is.EqualTo("Nesting is deeper than the limit of 1,000 levels"));
    }

    private static string AliasBomb(string readBy) => $$"""
        Resources:
          Bomb:
            Type: AWS::Serverless::Function
            Metadata:
              l0: &l0 [x, x, x, x, x, x, x, x, x]
              l1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]
              l2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]
              l3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]
              l4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]
              l5: &l5 [*l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4]
              l6: &l6 [*l5, *l5, *l5, *l5, *l5, *l5, *l5, *l5, *l5]
              l7: &l7 [*l6, *l6, *l6, *l6, *l6, *l6, *l6, *l6, *l6]
              l8: &l8 [*l7, *l7, *l7, *l7, *l7, *l7, *l7, *l7, *l7]
              l9: &l9 [*l8, *l8, *l8, *l8, *l8, *l8, *l8, *l8, *l8]
            Properties:
              {{readBy}}
        """;

    [Test]
    public void AliasBombInAPlaceADeploymentEvaluates_IsPL0001AtTheAlias_WhenBound_WithoutExpandingIt()
    {
        var text = AliasBomb("FunctionName: !Join [\"-\", *l9]");

        var diagnostics = EngineRun.Template("bomb.yaml", Encoding.UTF8.GetBytes(text));
        var tree = YamlSyntaxParser.Parse(SourceText.From("bomb.yaml", text));
        var template = TemplateModel.Bind(tree, 0, ResolutionSettings.Default)!;

        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.Where(d => d.Location.Path == "bomb.yaml").Select(d => $"{d.Id} {d.Location.Start} {d.Message}"), Is.EqualTo(new[]
            {
                "PL0001 16:33 YAML alias '*l9' expands beyond the limit of 100,000 nodes read through aliases (possible alias bomb)",
            }), "the template yields nothing else, and no rule reads it");
            Assert.That(template.LimitExceeded!.Location.Start.ToString(), Is.EqualTo("16:33"));
            Assert.That(template.Functions, Is.Empty, "an over-budget template is not bound further");
        });
    }

    [Test]
    public void AliasBombUnderMetadata_IsNotPL0001_AndTheTemplateIsAnalyzed()
    {
        var text = AliasBomb("FunctionName: orders");
        var tree = YamlSyntaxParser.Parse(SourceText.From("bomb.yaml", text));
        var template = TemplateModel.Bind(tree, 0, ResolutionSettings.Default)!;

        var diagnostics = EngineRun.Template("bomb.yaml", Encoding.UTF8.GetBytes(text));

        Assert.That(diagnostics.Where(d => d.Id == "PL0001"), Is.Empty);
        Assert.That(template.LimitExceeded, Is.Null);
        Assert.That(template.Functions.Single().StaticName, Is.EqualTo("orders"));
    }

    [Test]
    public void MoreFilesThanTheLimit_IsPL0001AtTheFirstFileLeftOut()
    {
        using var repository = new TemporaryRepository();
        for (var i = 1; i <= 5; i++)
            repository.Write($"t{i}.yaml", KmsTemplate);

        var run = CliRunner.Run(RepositoryPaths.Root, ["--today", CliRunner.Today, repository.Root], new ParseLimits(MaxFiles: 3));

        Assert.That(run.Stdout, Does.Contain("t4.yaml(1,1): error PL0001: The root holds 5 files to read, more than the limit of 3: this file and the 1 after it in path order were not analyzed"));
        Assert.That(run.Stdout.Split('\n').Count(l => l.Contains("PL2001", StringComparison.Ordinal)), Is.EqualTo(3));
    }

    [Test]
    public void OneFileMoreThanTheLimit_IsNamedAsTheLast()
    {
        using var repository = new TemporaryRepository();
        for (var i = 1; i <= 2; i++)
            repository.Write($"t{i}.yaml", KmsTemplate);

        var run = CliRunner.Run(RepositoryPaths.Root, ["--today", CliRunner.Today, repository.Root], new ParseLimits(MaxFiles: 1));

        Assert.That(run.Stdout, Does.Contain("t2.yaml(1,1): error PL0001: The root holds 2 files to read, more than the limit of 1: this file, the last in path order, was not analyzed"));
    }
}
