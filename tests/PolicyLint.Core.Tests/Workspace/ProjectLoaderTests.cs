using System.Text;
using NUnit.Framework;
using PolicyLint.Core.Diagnostics;
using PolicyLint.Core.Syntax;
using PolicyLint.Core.Text;
using PolicyLint.Core.Workspace;
using PolicyLint.Testing;
using static PolicyLint.Core.Tests.TestInput;

namespace PolicyLint.Core.Tests.Workspace;

public sealed class ProjectLoaderTests
{
    private const string Template = """
        Resources:
          Fn:
            Type: AWS::Lambda::Function
        """;

    [Test]
    public void Load_KeepsOnlyDocumentsThatAreTemplates()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        repository.CopyFrom(CasePath("014-commented-resources-not-a-template"));
        repository.CopyFrom(CasePath("018-workflow-on-key-and-compose"));
        repository.Write("untyped.yaml", "Resources:\n  A:\n    Properties: {}\n");
        repository.Write("null-type.yaml", "Resources:\n  A:\n    Type:\n");
        repository.Write("list-type.yaml", "Resources:\n  A:\n    Type: [AWS::Lambda::Function]\n");
        repository.Write("empty-resources.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n");
        repository.Write("resources-list.yaml", "Resources:\n  - Type: AWS::Lambda::Function\n");
        repository.Write("scalar.yaml", "just text\n");
        repository.Write("empty.yaml", string.Empty);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Project.Templates.Select(t => t.Path), Is.EqualTo(new[] { "template.yaml" }));
            Assert.That(result.Diagnostics, Is.Empty);
            Assert.That(result.Notifications, Is.Empty);
            Assert.That(result.FileCount, Is.EqualTo(1));
            Assert.That(result.Project.Ledger.Exists, Is.False, "a missing default ledger is an empty ledger");
            Assert.That(result.Project.Ledger.Exclusions, Is.Empty);
        });
    }

    [Test]
    public void Load_MultiDocumentFile_JudgesEachDocument()
    {
        using var repository = new TemporaryRepository();
        repository.Write("stacks.yaml", $"""
            apiVersion: apps/v1
            kind: Deployment
            ---
            {Template}
            ---
            # comment only
            ---
            Resources:
              Other:
                Type: AWS::SQS::Queue
            """);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Project.Templates.Select(t => (t.Path, t.DocumentIndex)), Is.EqualTo(new[] { ("stacks.yaml", 1), ("stacks.yaml", 3) }));
            Assert.That(result.Project.Templates[1].Resources.Single().LogicalId, Is.EqualTo("Other"));
            Assert.That(result.FileCount, Is.EqualTo(1));
        });
    }

    [TestCase("Resources:\n", true)]
    [TestCase("x: 1\nResources :\n", true)]
    [TestCase("AWSTemplateFormatVersion: '2010-09-09'", true)]
    [TestCase("Transform: AWS::Serverless-2016-10-31", true)]
    [TestCase("{\"Resources\": 1}", true)]
    [TestCase("{\n\t\"AWSTemplateFormatVersion\": \"2010-09-09\"", true)]
    [TestCase("  Resources:\n", false)]
    [TestCase("#Resources:\n", false)]
    [TestCase("MyResources:\n", false)]
    [TestCase("Resources\n", false)]
    [TestCase("{\"resources\": 1}", false)]
    public void LooksLikeTemplate(string text, bool expected) =>
        Assert.That(ProjectLoader.LooksLikeTemplate(text), Is.EqualTo(expected));

    [Test]
    public void Load_BrokenFile_IsPl0001OnlyWhenItLooksLikeATemplate()
    {
        using var repository = new TemporaryRepository();
        repository.Write("good.yaml", Template);
        repository.Write("broken.yaml", "Resources:\n  Fn: {Type: x\n");
        repository.Write("broken-other.yaml", "steps: [\n");
        repository.Write("broken.json", "{\"Resources\": {\"Fn\": }}");
        repository.Write("banner/template.yml", File.ReadAllText(CasePath("012-synth-banner-in-template/infra/template.yml")));

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => $"{d.Id} {d.Location.Path} {Range(d.Location)}"), Is.EqualTo(new[]
            {
                "PL0001 banner/template.yml 4:10-4:11",
                "PL0001 broken.json 1:22-1:23",
                "PL0001 broken.yaml 2:15-2:15",
            }));
            Assert.That(result.Diagnostics[2].Message, Is.EqualTo("Invalid YAML: the file ends inside the flow mapping opened at 2:7 (expected ',' or '}')"));
            Assert.That(result.Diagnostics.Select(d => d.Severity), Has.All.EqualTo(DiagnosticSeverity.Error));
            Assert.That(result.Project.BrokenTemplatePaths, Is.EquivalentTo(new[] { "banner/template.yml", "broken.json", "broken.yaml" }));
            Assert.That(result.Project.Templates.Select(t => t.Path), Is.EqualTo(new[] { "good.yaml" }));
            Assert.That(result.FileCount, Is.EqualTo(4));
        });
    }

    [Test]
    public void Load_DuplicateLogicalId_IsNamedSo_AndOtherDuplicatesAreDuplicateKeys()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", """
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Handler: a
                  Handler: b
              Fn:
                Type: AWS::SQS::Queue
            """);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => $"{Range(d.Location)} {d.Message}"), Is.EqualTo(new[]
            {
                "6:7-6:14 Duplicate key 'Handler' (first defined at line 5)",
                "7:3-7:5 Duplicate logical ID 'Fn' (first defined at line 2)",
            }));
            Assert.That(result.Project.Templates, Is.Empty, "a template with PL0001 yields nothing else");
            Assert.That(result.Project.BrokenTemplatePaths, Is.EquivalentTo(new[] { "template.yaml" }));
        });
    }

    [Test]
    public void Load_DuplicateLogicalId_InJson()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.json", "{\"Resources\": {\n  \"Fn\": {\"Type\": \"AWS::SQS::Queue\"},\n  \"Fn\": {\"Type\": \"AWS::SQS::Queue\"}}}");

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.That(result.Diagnostics.Select(d => $"{Range(d.Location)} {d.Message}"), Is.EqualTo(new[]
        {
            "3:3-3:7 Duplicate logical ID 'Fn' (first defined at line 2)",
        }));
    }

    [Test]
    public void Load_ParameterAndResourceWithOneName_IsPl0001()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", """
            Parameters:
              Queue:
                Type: String
            Resources:
              Queue:
                Type: AWS::SQS::Queue
            """);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => $"{d.Id} {Range(d.Location)} {d.Message}"), Is.EqualTo(new[]
            {
                "PL0001 5:3-5:8 Duplicate logical ID 'Queue': declared as a parameter (line 2) and as a resource",
            }));
            Assert.That(result.Project.Templates, Is.Empty);
        });
    }

    [Test]
    public void Parse_YamlFileHoldingTabIndentedJson_IsReadWithJsonPositionsAndValues()
    {
        var text = "{\n\t\"Resources\": {\n\t\t\"Fn\": {\n\t\t\t\"Type\": \"AWS::Lambda::Function\",\n\t\t\t\"Description\": \"\\ud834\\udd1e caf\\u00e9\"\n\t\t}\n\t}\n}\n";
        var asYaml = ProjectLoader.Parse(SourceText.From("template.yaml", text), ParseLimits.Default);
        var asJson = ProjectLoader.Parse(SourceText.From("template.json", text), ParseLimits.Default);

        Assert.Multiple(() =>
        {
            Assert.That(asJson.Format, Is.EqualTo(SourceFormat.Json));
            Assert.That(asYaml.Problems, Is.Empty);
            Assert.That(PolicyLint.Core.Semantics.TemplateModel.IsTemplate(asYaml.Documents[0]), Is.True);
            foreach (var tree in new[] { asYaml, asJson })
            {
                var resources = ((MappingNode)tree.Documents[0]!).Find("Resources")!;
                var fn = (MappingNode)((MappingNode)resources.Value).GetValue("Fn")!;
                Assert.That(Range(resources.Key), Is.EqualTo("2:2-2:13"), tree.Format.ToString());
                Assert.That(Range(fn.Find("Type")!.Key), Is.EqualTo("4:4-4:10"), tree.Format.ToString());
                Assert.That(fn.GetValue("Description")!.AsScalar()!.Value, Is.EqualTo("𝄞 café"), tree.Format.ToString());
            }
        });
    }

    [Test]
    public void Parse_TemplateExtension_ChoosesTheFrontEndByFirstCharacter()
    {
        var json = ProjectLoader.Parse(SourceText.From("stack.template", "  {\"Resources\": {}}"), ParseLimits.Default);
        var yaml = ProjectLoader.Parse(SourceText.From("stack.template", "Resources: {}\n"), ParseLimits.Default);
        var jsonByName = ProjectLoader.Parse(SourceText.From("x.JSON", "{\"a\":\n1}"), ParseLimits.Default);

        Assert.Multiple(() =>
        {
            Assert.That(json.Format, Is.EqualTo(SourceFormat.Json));
            Assert.That(yaml.Format, Is.EqualTo(SourceFormat.Yaml));
            Assert.That(jsonByName.Format, Is.EqualTo(SourceFormat.Json));
        });
    }

    [Test]
    public void Load_TooLargeFile_IsPl0001WhenItLooksLikeATemplate_ElseANote()
    {
        using var repository = new TemporaryRepository();
        repository.Write("small.yaml", Template);
        repository.Write("large.yaml", Template + "\n" + new string('#', 100) + "\n");
        repository.Write("large-other.yaml", "items:\n" + string.Concat(Enumerable.Repeat("  - x\n", 30)));
        var limits = new ParseLimits(MaxFileBytes: 70);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root, Limits = limits });

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetByteCount(Template), Is.LessThanOrEqualTo(70));
            Assert.That(result.Diagnostics.Select(d => $"{d.Id} {d.Location.Path} {Range(d.Location)} {d.Message}"), Is.EqualTo(new[]
            {
                "PL0001 large.yaml 1:1-1:1 The file is larger than the limit of 70 bytes and was not read",
            }));
            Assert.That(result.Notifications, Is.EqualTo(new[]
            {
                new ToolNotification("note", "Skipped: larger than the limit of 70 bytes", "large-other.yaml"),
            }));
            Assert.That(result.Project.Templates.Select(t => t.Path), Is.EqualTo(new[] { "small.yaml" }));
            Assert.That(result.FileCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void Load_InvalidUtf8_IsPl0001AtTheFirstInvalidByte_WhenItLooksLikeATemplate()
    {
        using var repository = new TemporaryRepository();
        repository.WriteBytes("template.yaml", [.. "Resources:\n  Fn: # caf"u8, 0xE9, .. "\n    Type: AWS::SQS::Queue\n"u8]);
        repository.WriteBytes("notes.yaml", [.. "title: caf"u8, 0xE9, .. "\n"u8]);

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => $"{d.Id} {d.Location.Path} {Range(d.Location)} {d.Message}"), Is.EqualTo(new[]
            {
                "PL0001 template.yaml 2:12-2:13 The file is not valid UTF-8 (templates are UTF-8 text); the first invalid byte is here",
            }));
            Assert.That(result.Project.Templates, Is.Empty);
            Assert.That(result.Notifications, Is.Empty);
        });
    }

    [Test]
    public void Load_UnreadableFiles_BecomeNotifications_AndOtherFilesAreStillLoaded()
    {
        using var repository = new TemporaryRepository();
        repository.Write("a-locked.yaml", Template);
        repository.Write("b-gone.yaml", Template);
        repository.Write("c-ok.yaml", Template);
        var reader = new FailingFileReader(new Dictionary<string, Exception>
        {
            ["a-locked.yaml"] = new UnauthorizedAccessException("Access to the path is denied"),
            ["b-gone.yaml"] = new FileNotFoundException("Could not find file"),
        });

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root, FileReader = reader });

        Assert.Multiple(() =>
        {
            Assert.That(result.Notifications, Is.EqualTo(new[]
            {
                new ToolNotification("warning", "Cannot read file: Access to the path is denied", "a-locked.yaml"),
                new ToolNotification("warning", "Cannot read file: Could not find file", "b-gone.yaml"),
            }));
            Assert.That(result.Notifications.Any(n => n.IsToolFailure), Is.False);
            Assert.That(result.Project.Templates.Select(t => t.Path), Is.EqualTo(new[] { "c-ok.yaml" }));
            Assert.That(result.Diagnostics, Is.Empty);
            Assert.That(result.FileCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void Load_UnreadableLedger_IsAnErrorNotification_AndTheLedgerIsBroken()
    {
        using var repository = new TemporaryRepository();
        repository.Write("template.yaml", Template);
        repository.Write(LoadRequest.DefaultLedgerPath, "version: 1\nexclusions: []\n");
        var reader = new FailingFileReader(new Dictionary<string, Exception>
        {
            [LoadRequest.DefaultLedgerPath] = new IOException("Input/output error"),
        });

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root, FileReader = reader });

        Assert.Multiple(() =>
        {
            Assert.That(result.Notifications, Is.EqualTo(new[]
            {
                new ToolNotification("error", "Cannot read the ledger: Input/output error", LoadRequest.DefaultLedgerPath),
            }));
            Assert.That(result.Project.Ledger.IsBroken, Is.True);
            Assert.That(result.Project.Templates, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Load_Ledger_IsNotATemplateCandidate_AndIsCounted()
    {
        using var repository = new TemporaryRepository();
        repository.Write(LoadRequest.DefaultLedgerPath, "version: 1\nexclusions: []\nResources: {A: {Type: X}}\n");

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Project.Templates, Is.Empty);
            Assert.That(result.Project.Ledger.Exists, Is.True);
            Assert.That(result.FileCount, Is.EqualTo(1));
            Assert.That(result.Diagnostics, Is.Empty);
        });
    }

    [Test]
    public void Load_BrokenLedger_IsPl0001()
    {
        using var repository = new TemporaryRepository();
        repository.Write(LoadRequest.DefaultLedgerPath, "version: 1\nexclusions: [\n");

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics.Select(d => $"{d.Id} {d.Location.Path} {Range(d.Location)} {d.Message}"), Is.EqualTo(new[]
            {
                "PL0001 security/inspector-exclusions.yaml 2:14-2:14 Invalid YAML: while parsing a node, did not find expected node content",
            }));
            Assert.That(result.Project.Ledger.IsBroken, Is.True);
            Assert.That(result.FileCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void Load_LedgerAtAnotherPath_AndExcludedPaths()
    {
        using var repository = new TemporaryRepository();
        repository.Write("config/ledger.yaml", "version: 1\nexclusions: []\n");
        repository.Write(".policylint.yaml", "Resources: {A: {Type: AWS::SQS::Queue}}\n");

        var result = ProjectLoader.Load(new LoadRequest
        {
            Root = repository.Root,
            LedgerPath = "config/ledger.yaml",
            LedgerIsExplicit = true,
            ExcludedPaths = new HashSet<string>(StringComparer.Ordinal) { ".policylint.yaml" },
        });

        Assert.Multiple(() =>
        {
            Assert.That(result.Project.Ledger.Exists, Is.True);
            Assert.That(result.Project.Ledger.Source.Path, Is.EqualTo("config/ledger.yaml"));
            Assert.That(result.Project.Templates, Is.Empty);
        });
    }

    [Test]
    public void Load_AliasBomb_UnderMetadata_IsNotPl0001()
    {
        using var repository = new TemporaryRepository();
        repository.CopyFrom(CasePath("037-alias-amplification-and-deep-nesting"));

        var result = ProjectLoader.Load(new LoadRequest { Root = repository.Root });

        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics, Is.Empty);
            Assert.That(result.Project.Templates.Select(t => t.Path), Is.EqualTo(new[] { "deep.json", "template.yaml" }));
            Assert.That(result.Project.Templates[1].Tree.AliasExpansionCount, Is.Zero);
        });
    }

    /// <summary>Reads from disk, except that the files named in <c>failures</c> (root-relative) throw.</summary>
    private sealed class FailingFileReader(IReadOnlyDictionary<string, Exception> failures) : IFileReader
    {
        public byte[] ReadAllBytes(string fullPath) => Fail(fullPath) ?? PhysicalFileReader.Instance.ReadAllBytes(fullPath);

        public long GetLength(string fullPath) => PhysicalFileReader.Instance.GetLength(fullPath);

        private byte[]? Fail(string fullPath)
        {
            foreach (var (relative, exception) in failures)
            {
                if (fullPath.Replace('\\', '/').EndsWith("/" + relative, StringComparison.Ordinal))
                    throw exception;
            }

            return null;
        }
    }
}
